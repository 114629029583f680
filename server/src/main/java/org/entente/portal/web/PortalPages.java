package org.entente.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.entente.checkout.Checkout;
import org.entente.loyalty.Loyalty;
import org.entente.outreach.ContactChannel;
import org.entente.outreach.MessageRequest;
import org.entente.outreach.Messages;
import org.entente.outreach.Outreach;
import org.entente.outreach.Preferences;
import org.entente.platform.AuditLog;
import org.entente.platform.CustomerSessions;
import org.entente.platform.ProblemException;
import org.entente.portal.internal.PortalProperties;
import org.entente.portal.internal.SignInLinks;
import org.entente.profile.Channel;
import org.entente.profile.Identifier;
import org.entente.profile.IdentifierNormaliser;
import org.entente.profile.IdentifierType;
import org.entente.profile.Profiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The customer portal. Signing in: an email address in, a single-use link out (sent as a transactional email through
 * the gate), whether the address is known or not (the page says the same, so it tells nobody who is a customer).
 * Signed in, a customer sees and changes only their own data: the person comes from their session, never from the
 * request.
 */
@Controller
class PortalPages {

    private static final Logger log = LoggerFactory.getLogger(PortalPages.class);
    /** The pauses a customer may choose, in days. */
    private static final List<Integer> PAUSES = List.of(7, 30, 90);

    private final SignInLinks links;
    private final PortalProperties portal;
    private final CustomerSessions sessions;
    private final Profiles profiles;
    private final IdentifierNormaliser normaliser;
    private final Messages messages;
    private final Outreach outreach;
    private final Loyalty loyalty;
    private final Checkout checkout;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PortalPages(SignInLinks links, PortalProperties portal, CustomerSessions sessions, Profiles profiles, IdentifierNormaliser normaliser,
                Messages messages, Outreach outreach, Loyalty loyalty, Checkout checkout, AuditLog audit,
                TransactionTemplate transactions, Clock clock) {
        this.links = links;
        this.portal = portal;
        this.sessions = sessions;
        this.profiles = profiles;
        this.normaliser = normaliser;
        this.messages = messages;
        this.outreach = outreach;
        this.loyalty = loyalty;
        this.checkout = checkout;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @GetMapping("/me/sign-in")
    String signInPage() {
        return "portal/sign-in";
    }

    @PostMapping("/me/sign-in")
    String askForLink(@RequestParam(defaultValue = "") String email, HttpServletRequest request, Model model) {
        Optional<Identifier> address = email.length() > 320 ? Optional.empty()
                : normaliser.normalise(IdentifierType.EMAIL, email.strip())
                instanceof IdentifierNormaliser.Result.Valid(Identifier valid) ? Optional.of(valid) : Optional.empty();
        if (address.isEmpty()) {
            model.addAttribute("invalid", true);
            model.addAttribute("email", email.length() > 320 ? "" : email);
            return "portal/sign-in";
        }
        Optional<URI> base = linkBase(portal.baseUrl(), request.getServerName(),
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUri());
        if (base.isEmpty()) {
            log.error("No sign-in link sent: set entente.portal.base-url to the address customers reach Entente at");
        }
        profiles.resolve(address.get()).filter(person -> base.isPresent()).ifPresent(person -> {
            Instant now = clock.instant();
            Optional<String> token = transactions.execute(status -> links.issue(person, now));
            if (token.isEmpty()) {
                log.info("Sign-in link refused to person {}: too many within the hour", person);
                return;
            }
            String link = UriComponentsBuilder.fromUri(base.get()).path("/me/sign-in/{token}")
                    .buildAndExpand(token.get()).toUriString();
            messages.send(new MessageRequest(person, "email", "transactional", null, null, null, null,
                    "sign_in_link", Map.of("link", link, "minutes",
                    String.valueOf(SignInLinks.VALIDITY.toMinutes())), null,
                    "sign-in:" + org.entente.platform.Hashes.sha256(token.get()), null,
                    now.plus(SignInLinks.VALIDITY)));
        });
        model.addAttribute("sent", true);
        return "portal/sign-in";
    }

    /**
     * Where sign-in links point: the configured address, or, without one, this server when it is reached as
     * {@code localhost}. Never an address taken from a request's Host header elsewhere: anybody can forge it.
     */
    static Optional<URI> linkBase(URI configured, String serverName, URI current) {
        if (configured != null) {
            return Optional.of(configured);
        }
        return List.of("localhost", "127.0.0.1", "[::1]", "::1").contains(serverName) ? Optional.of(current)
                : Optional.empty();
    }

    /** The link's page: one button that signs in, so that a mail scanner opening the link does not use it up. */
    @GetMapping("/me/sign-in/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
        if (!links.usable(token, clock.instant())) {
            response.setStatus(HttpServletResponse.SC_GONE);
            model.addAttribute("expired", true);
            return "portal/sign-in";
        }
        model.addAttribute("token", token);
        return "portal/confirm";
    }

    @PostMapping("/me/sign-in/{token}")
    String signIn(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<UUID> person = transactions.execute(status -> links.use(token, clock.instant()));
        Optional<UUID> root = person.flatMap(profiles::resolve);
        if (root.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_GONE);
            model.addAttribute("expired", true);
            return "portal/sign-in";
        }
        sessions.signIn(root.get(), request, response);
        return "redirect:/me";
    }

    @GetMapping("/me")
    String me(Model model) {
        UUID person = customer();
        model.addAttribute("profile", profiles.find(person).orElseThrow());
        model.addAttribute("loyalty", loyalty.status(person, LocaleContextHolder.getLocale()));
        model.addAttribute("wishlist", profiles.resolve(person)
                .map(root -> checkout.wishlist(root, LocaleContextHolder.getLocale())).orElse(List.of()));
        preferences(person, model);
        model.addAttribute("consents", outreach.consentHistory(person, null, 50).items());
        return "portal/me";
    }

    @PostMapping("/me/preferences")
    String savePreferences(@RequestParam MultiValueMap<String, String> form,
                           @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        UUID person = customer();
        Preferences current = outreach.preferences(person);
        Map<String, Preferences.ChannelPreference> channels = new LinkedHashMap<>();
        for (ContactChannel channel : ContactChannel.values()) {
            Preferences.ChannelPreference was = current.channels().get(channel.code());
            boolean allowed = form.containsKey("channel." + channel.code());
            channels.put(channel.code(), was == null ? new Preferences.ChannelPreference(allowed, null, null, null)
                    : new Preferences.ChannelPreference(allowed, was.maxPerDay(), was.maxPerWeek(), was.maxPerMonth()));
        }
        List<String> topics = new ArrayList<>();
        for (String topic : outreach.topics()) {
            if (form.containsKey("topic." + topic)) {
                topics.add(topic);
            }
        }
        Integer perWeek = number(form.getFirst("maxPerWeek"));
        Preferences.QuietHours quiet = form.containsKey("quiet")
                ? new Preferences.QuietHours(form.getFirst("quietFrom"), form.getFirst("quietTo"),
                current.quietHours() != null ? current.quietHours().timezone()
                        : Optional.ofNullable(form.getFirst("timezone")).filter(z -> !z.isBlank()).orElse("Europe/Paris"))
                : null;
        Instant pausedUntil = current.pausedUntil() != null && current.pausedUntil().isAfter(clock.instant())
                ? current.pausedUntil() : null;
        String pause = form.getFirst("pause");
        if ("none".equals(pause)) {
            pausedUntil = null;
        } else if (pause != null && !pause.isBlank() && !"keep".equals(pause)) {
            Integer days = number(pause);
            if (days == null || !PAUSES.contains(days)) {
                throw new ProblemException.BadRequest(List.of(new ProblemException.FieldError("pause", "OneOf",
                        "problem.field.invalidValue")), "problem.validation");
            }
            pausedUntil = clock.instant().plus(Duration.ofDays(days));
        }
        String preferred = Optional.ofNullable(form.getFirst("preferredChannel")).filter(c -> !c.isBlank())
                .orElse(null);
        Preferences wanted = new Preferences(current.version(), null, null, channels, topics,
                new Preferences.Limits(current.overall().maxPerDay(), perWeek, current.overall().maxPerMonth()),
                quiet, pausedUntil, form.containsKey("onlyWhenAsked"), preferred);
        try {
            outreach.savePreferences(person, wanted, Optional.of(current.version()), Channel.WEB);
            model.addAttribute("saved", true);
        } catch (ProblemException.BadRequest e) {
            model.addAttribute("errors", e.fieldErrors());
        }
        preferences(person, model);
        return htmx != null ? "portal/me :: preferences" : "portal/me";
    }

    @GetMapping("/me/data")
    ResponseEntity<?> download() {
        UUID person = customer();
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"my-data.json\"")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(outreach.export(person, LocaleContextHolder.getLocale()));
    }

    @PostMapping("/me/erasure")
    String requestErasure(Model model) {
        UUID person = customer();
        audit.record("portal.erasure_requested", person.toString(), Map.of("channel", "portal"));
        model.addAttribute("erasureRequested", true);
        return me(model);
    }

    private void preferences(UUID person, Model model) {
        Preferences preferences = outreach.preferences(person);
        model.addAttribute("preferences", preferences);
        model.addAttribute("topics", outreach.topics());
        model.addAttribute("channels", ContactChannel.values());
        model.addAttribute("pauses", PAUSES);
        model.addAttribute("paused", preferences.pausedUntil() != null
                && preferences.pausedUntil().isAfter(clock.instant()));
    }

    private static UUID customer() {
        return CustomerSessions.current().orElseThrow(() -> new IllegalStateException(
                "the portal chain lets only customers in"));
    }

    private static Integer number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new ProblemException.BadRequest(List.of(new ProblemException.FieldError("number", "Number",
                    "problem.field.invalidValue")), "problem.validation");
        }
    }
}
