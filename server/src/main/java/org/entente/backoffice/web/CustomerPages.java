package org.entente.backoffice.web;

import jakarta.servlet.http.HttpServletResponse;
import org.entente.loyalty.Loyalty;
import org.entente.outreach.Messages;
import org.entente.outreach.Outreach;
import org.entente.platform.CursorPage;
import org.entente.platform.StaffRole;
import org.entente.profile.Channel;
import org.entente.profile.Identifier;
import org.entente.profile.ProfileSummary;
import org.entente.profile.ProfileView;
import org.entente.profile.Profiles;
import org.entente.profile.TimelineEntry;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Finding a person and the 360° view of them: what an agent or a store clerk opens while the customer is there.
 * Administrators and agents see everything; store staff see the person's email addresses and phone numbers masked,
 * and neither the merges nor the gate's verdicts and messages; marketers, who work on campaigns rather than on
 * persons, see neither page. An htmx request gets the fragment it replaces, a plain one the whole page.
 */
@Controller
class CustomerPages {

    static final int RESULTS = 20;
    static final int TIMELINE_PAGE = 25;
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.]{0,63}");

    private final Profiles profiles;
    private final Loyalty loyalty;
    private final Outreach outreach;
    private final Messages messages;

    CustomerPages(Profiles profiles, Loyalty loyalty, Outreach outreach, Messages messages) {
        this.profiles = profiles;
        this.loyalty = loyalty;
        this.outreach = outreach;
        this.messages = messages;
    }

    /** What a staff member may see of persons: nothing, everything, or what a till needs. */
    enum View {
        FULL, STORE;

        static View of(Authentication staff) {
            if (StaffAccess.holds(staff, StaffRole.ADMIN, StaffRole.AGENT)) {
                return FULL;
            }
            StaffAccess.require(staff, StaffRole.STORE);
            return STORE;
        }
    }

    @GetMapping("/customers")
    String search(@RequestParam(name = "q", required = false) String typed,
                  @RequestHeader(name = "HX-Request", required = false) String htmx, Authentication staff,
                  Model model) {
        View view = View.of(staff);
        String query = typed == null ? "" : typed.strip();
        if (query.length() > 100) {
            query = query.substring(0, 100);
        }
        List<ProfileSummary> found = query.length() < 2 ? List.of() : profiles.search(query, RESULTS);
        model.addAttribute("q", query);
        model.addAttribute("results", view == View.FULL ? found : found.stream().map(person -> new ProfileSummary(
                person.id(), person.firstName(), person.lastName(), person.lifecycle(),
                person.identifiers().stream().map(CustomerPages::masked).toList())).toList());
        return htmx != null ? "backoffice/customers :: results" : "backoffice/customers";
    }

    @GetMapping("/customers/{id}")
    String customer(@PathVariable String id, Authentication staff, Model model, HttpServletResponse response) {
        View view = View.of(staff);
        UUID personId = PageInput.uuid(id, "id");
        Optional<ProfileView> found = profiles.resolve(personId).flatMap(profiles::find);
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("id", id);
            return "backoffice/not-found";
        }
        ProfileView profile = found.get();
        model.addAttribute("full", view == View.FULL);
        model.addAttribute("profile", profile);
        model.addAttribute("identifiers", profile.identifiers().stream().map(identifier -> view == View.FULL
                ? new Identifier(identifier.type(), identifier.value())
                : masked(new Identifier(identifier.type(), identifier.value()))).toList());
        model.addAttribute("merged", !profile.id().equals(personId));
        model.addAttribute("loyalty", loyalty.status(profile.id(), LocaleContextHolder.getLocale()));
        model.addAttribute("preferences", outreach.preferences(profile.id()));
        model.addAttribute("consents", outreach.consents(profile.id()));
        model.addAttribute("reachability", outreach.reachability(profile.id()));
        model.addAttribute("decisions", view == View.FULL ? outreach.recentDecisions(profile.id(), 10) : List.of());
        model.addAttribute("messages", view == View.FULL ? messages.messages(profile.id(), null, 10).items()
                : List.of());
        timeline(profile.id(), null, null, null, model);
        return "backoffice/customer";
    }

    @GetMapping("/customers/{id}/timeline")
    String timeline(@PathVariable String id, @RequestParam(required = false) String channel,
                    @RequestParam(required = false) String type, @RequestParam(required = false) String cursor,
                    Authentication staff, Model model) {
        View.of(staff);
        UUID personId = PageInput.uuid(id, "id");
        timeline(personId, channel, type, cursor, model);
        return cursor == null ? "backoffice/customer :: timeline" : "backoffice/customer :: entries";
    }

    private void timeline(UUID personId, String channel, String type, String cursor, Model model) {
        Set<Channel> channels = channel == null || channel.isBlank() ? Set.of()
                : Set.of(Channel.fromCode(channel).orElseThrow(() -> PageInput.invalid("channel")));
        String wanted = type == null ? "" : type.strip();
        if (!wanted.isEmpty() && !TYPE.matcher(wanted).matches()) {
            throw PageInput.invalid("type");
        }
        CursorPage<TimelineEntry> page = profiles.timeline(personId, channels,
                wanted.isEmpty() ? Set.of() : Set.of(wanted), cursor, TIMELINE_PAGE);
        model.addAttribute("personId", personId);
        model.addAttribute("entries", page.items());
        model.addAttribute("next", page.next());
        model.addAttribute("channel", channel == null ? "" : channel);
        model.addAttribute("type", wanted);
        model.addAttribute("channels", Channel.values());
    }

    /** An email address or a phone number as store staff see it: enough to recognise, not to copy. */
    static Identifier masked(Identifier identifier) {
        String value = identifier.value();
        return switch (identifier.type()) {
            case EMAIL -> {
                int at = value.indexOf('@');
                yield new Identifier(identifier.type(), (at <= 1 ? "*" : value.charAt(0) + "***") + value.substring(
                        Math.max(at, 0)));
            }
            case PHONE -> new Identifier(identifier.type(), value.length() <= 4 ? "****"
                    : "*".repeat(value.length() - 4) + value.substring(value.length() - 4));
            default -> identifier;
        };
    }
}
