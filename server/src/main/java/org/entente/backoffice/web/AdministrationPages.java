package org.entente.backoffice.web;

import jakarta.servlet.http.HttpServletResponse;
import org.entente.outreach.Outreach;
import org.entente.profile.Profiles;
import org.entente.platform.Actor;
import org.entente.platform.CursorPage;
import org.entente.platform.PageRequest;
import org.entente.platform.ProblemException;
import org.entente.platform.Scope;
import org.entente.platform.StaffRole;
import org.entente.platform.apikey.ApiKeyService;
import org.entente.platform.apikey.ApiKeyView;
import org.entente.platform.audit.AuditEntry;
import org.entente.platform.audit.AuditQuery;
import org.entente.platform.audit.AuditTrail;
import org.entente.platform.staff.StaffUserService;
import org.entente.platform.staff.StaffUserView;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The administration of the back office, for administrators only (every other role gets a 403 on every page and
 * form here): staff users and their roles, API keys, the audit log. The pages work through the same
 * services as the admin API, so the rules, the errors and the audit entries are the same.
 * <p>
 * A generated password or a new key's secret is rendered once, in the answer to the POST that made it, marked
 * {@code no-store}; it is never put in a URL, a session, a log or the audit log, and no page shows it again. A form
 * the services refuse comes back with the values typed (never a password) and each error next to its field, in the
 * reader's language.
 */
@Controller
class AdministrationPages {

    private static final int AUDIT_ACTION_MAX = 64;
    private static final int AUDIT_ACTOR_MAX = 200;

    private final StaffUserService staff;
    private final ApiKeyService keys;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final Outreach outreach;
    private final Profiles profiles;

    AdministrationPages(StaffUserService staff, ApiKeyService keys, AuditTrail audit, MessageSource messages,
                        Outreach outreach, Profiles profiles) {
        this.outreach = outreach;
        this.profiles = profiles;
        this.staff = staff;
        this.keys = keys;
        this.audit = audit;
        this.messages = messages;
    }

    /** What the staff forms show: the values typed, so that a refused form need not be typed again. */
    record StaffForm(String username, String displayName, Set<String> roles, boolean enabled) {

        static StaffForm of(StaffUserView user) {
            Set<String> roles = new LinkedHashSet<>();
            user.roles().forEach(role -> roles.add(role.name()));
            return new StaffForm(user.username(), user.displayName(), roles, user.enabled());
        }
    }

    /** What the key form shows again when it is refused. */
    record KeyForm(String name, Set<String> scopes, String expiresAt) {
    }

    /** Runs before every handler of this controller, so that no page or form here can forget it. */
    @ModelAttribute
    void administratorsOnly(Authentication staff) {
        StaffAccess.require(staff, StaffRole.ADMIN);
    }

    @GetMapping("/admin")
    String administration() {
        return "redirect:/admin/staff";
    }

    // Staff users

    @GetMapping("/admin/staff")
    String staff(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit,
                 Model model) {
        CursorPage<StaffUserView> page = staff.list(blankToNull(cursor), limit(limit));
        model.addAttribute("users", page.items());
        model.addAttribute("next", page.next());
        model.addAttribute("paged", cursor != null && !cursor.isBlank());
        model.addAttribute("limit", limit);
        return "backoffice/admin/staff";
    }

    @GetMapping("/admin/staff/new")
    String newStaff(Model model) {
        model.addAttribute("form", new StaffForm("", "", Set.of(), true));
        return staffForm(model, "backoffice/admin/staff-new");
    }

    @PostMapping("/admin/staff")
    String createStaff(@RequestParam(required = false) String username,
                       @RequestParam(required = false) String displayName,
                       @RequestParam(name = "roles", required = false) List<String> roles,
                       @RequestParam(required = false) String password, Model model, HttpServletResponse response) {
        StaffForm form = new StaffForm(text(username), text(displayName), asSet(roles), true);
        model.addAttribute("form", form);
        try {
            StaffUserService.CreatedStaffUser created = staff.create(form.username(), form.displayName(),
                    staffRoles(roles), password == null || password.isEmpty() ? null : password, Actor.current());
            shownOnce(response);
            model.addAttribute("user", created.user());
            model.addAttribute("password", created.generatedPassword());
            model.addAttribute("reset", false);
            return "backoffice/admin/staff-password";
        } catch (ProblemException.BadRequest | ProblemException.Conflict refused) {
            return refused(refused, response, model, "backoffice/admin/staff-new");
        }
    }

    @GetMapping("/admin/staff/{id}")
    String editStaff(@PathVariable String id, @RequestParam(required = false) String saved, Model model) {
        StaffUserView user = staff.get(PageInput.uuid(id, "id"));
        model.addAttribute("user", user);
        model.addAttribute("form", StaffForm.of(user));
        model.addAttribute("saved", saved != null);
        return staffForm(model, "backoffice/admin/staff-edit");
    }

    @PostMapping("/admin/staff/{id}")
    String updateStaff(@PathVariable String id, @RequestParam(required = false) String displayName,
                       @RequestParam(name = "roles", required = false) List<String> roles,
                       @RequestParam(required = false) String enabled, Model model, HttpServletResponse response) {
        UUID userId = PageInput.uuid(id, "id");
        StaffUserView user = staff.get(userId);
        model.addAttribute("user", user);
        model.addAttribute("saved", false);
        model.addAttribute("form", new StaffForm(user.username(), text(displayName), asSet(roles), enabled != null));
        try {
            // An empty role set is the service's to refuse, in the same words as through the API.
            staff.update(userId, text(displayName), staffRoles(roles), enabled != null, Actor.current());
            return "redirect:/admin/staff/" + userId + "?saved";
        } catch (ProblemException.BadRequest | ProblemException.Conflict refused) {
            return refused(refused, response, model, "backoffice/admin/staff-edit");
        }
    }

    @PostMapping("/admin/staff/{id}/password")
    String resetPassword(@PathVariable String id, Model model, HttpServletResponse response) {
        UUID userId = PageInput.uuid(id, "id");
        String password = staff.resetPassword(userId, Actor.current());
        shownOnce(response);
        model.addAttribute("user", staff.get(userId));
        model.addAttribute("password", password);
        model.addAttribute("reset", true);
        return "backoffice/admin/staff-password";
    }

    /** A staff form as first shown: nothing refused yet. */
    private String staffForm(Model model, String view) {
        model.addAttribute("fieldErrors", Map.of());
        model.addAttribute("allRoles", StaffRole.values());
        return view;
    }

    // API keys

    @GetMapping("/admin/api-keys")
    String keys(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit,
                @RequestParam(required = false) String revoked, Model model) {
        CursorPage<ApiKeyView> page = keys.list(blankToNull(cursor), limit(limit));
        model.addAttribute("keys", page.items());
        model.addAttribute("next", page.next());
        model.addAttribute("paged", cursor != null && !cursor.isBlank());
        model.addAttribute("limit", limit);
        model.addAttribute("revoked", revoked != null);
        return "backoffice/admin/api-keys";
    }

    @GetMapping("/admin/api-keys/new")
    String newKey(Model model) {
        model.addAttribute("form", new KeyForm("", Set.of(), ""));
        return keyForm(model);
    }

    @PostMapping("/admin/api-keys")
    String createKey(@RequestParam(required = false) String name,
                     @RequestParam(name = "scopes", required = false) List<String> scopes,
                     @RequestParam(required = false) String expiresAt, Model model, HttpServletResponse response) {
        model.addAttribute("form", new KeyForm(text(name), asSet(scopes), text(expiresAt)));
        try {
            ApiKeyService.CreatedApiKey created = keys.create(text(name), scopes(scopes), expiry(expiresAt),
                    Actor.current());
            shownOnce(response);
            model.addAttribute("key", created.key());
            model.addAttribute("secret", created.secret());
            return "backoffice/admin/api-key-created";
        } catch (ProblemException.BadRequest refused) {
            return refused(refused, response, model, "backoffice/admin/api-key-new");
        }
    }

    /** The second step of a revocation: what is about to stop working, and the button that does it. */
    @GetMapping("/admin/api-keys/{id}/revoke")
    String confirmRevoke(@PathVariable String id, Model model) {
        model.addAttribute("key", keys.get(PageInput.uuid(id, "id")));
        return "backoffice/admin/api-key-revoke";
    }

    @PostMapping("/admin/api-keys/{id}/revoke")
    String revoke(@PathVariable String id) {
        keys.revoke(PageInput.uuid(id, "id"), Actor.current());
        return "redirect:/admin/api-keys?revoked";
    }

    /** The key form as first shown: nothing refused yet. */
    private String keyForm(Model model) {
        model.addAttribute("fieldErrors", Map.of());
        model.addAttribute("allScopes", Scope.values());
        return "backoffice/admin/api-key-new";
    }

    // Audit log

    /** The log, newest first; htmx asks for the following entries only ({@code cursor}), a plain link for a page. */
    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit,
                 @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        String wantedAction = text(action);
        String wantedActor = text(actor);
        List<ProblemException.FieldError> errors = new ArrayList<>();
        if (wantedAction.length() > AUDIT_ACTION_MAX) {
            errors.add(new ProblemException.FieldError("action", "Size", "problem.field.tooLong", AUDIT_ACTION_MAX));
        }
        if (wantedActor.length() > AUDIT_ACTOR_MAX) {
            errors.add(new ProblemException.FieldError("actor", "Size", "problem.field.tooLong", AUDIT_ACTOR_MAX));
        }
        LocalDate fromDay = day("from", from, errors);
        LocalDate toDay = day("to", to, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        // Days are UTC days, both included: "to" ends where the next day begins.
        AuditQuery query = new AuditQuery(wantedAction.isEmpty() ? null : wantedAction,
                wantedActor.isEmpty() ? null : wantedActor,
                fromDay == null ? null : fromDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), null);
        CursorPage<AuditEntry> page = audit.find(query, blankToNull(cursor), limit(limit));
        model.addAttribute("entries", page.items());
        model.addAttribute("next", page.next());
        model.addAttribute("action", wantedAction);
        model.addAttribute("actor", wantedActor);
        model.addAttribute("from", fromDay == null ? "" : fromDay.toString());
        model.addAttribute("to", toDay == null ? "" : toDay.toString());
        model.addAttribute("limit", limit);
        return htmx != null && cursor != null ? "backoffice/admin/audit :: entries" : "backoffice/admin/audit";
    }

    // Erasure requests

    /** A customer's request to erase their data, and when it was carried out (null: not yet). */
    record ErasureRequest(String personId, Instant requestedAt, Instant erasedAt) {
    }

    /**
     * The requests customers made from their portal, newest first, with whether each was carried out; an
     * administrator carries one out from here (it cannot be undone).
     */
    @GetMapping("/admin/erasures")
    String erasures(@RequestParam(required = false) String cursor, @RequestParam(required = false) String erased,
                    Model model) {
        CursorPage<AuditEntry> page = audit.find(new AuditQuery(ERASURE_REQUESTED, null, null, null, null),
                blankToNull(cursor), PageRequest.DEFAULT_LIMIT);
        // One row per person (a customer may ask twice); carried out when their record, or the one it was merged
        // into since, was erased.
        Map<String, ErasureRequest> requests = new LinkedHashMap<>();
        for (AuditEntry request : page.items()) {
            requests.computeIfAbsent(request.target(), person -> new ErasureRequest(person, request.occurredAt(),
                    erasedAt(person)));
        }
        model.addAttribute("requests", List.copyOf(requests.values()));
        model.addAttribute("next", page.next());
        model.addAttribute("erased", erased != null);
        return "backoffice/admin/erasures";
    }

    private Instant erasedAt(String person) {
        String survivor = profiles.resolve(PageInput.uuid(person, "personId")).map(UUID::toString).orElse(person);
        return audit.find(new AuditQuery(PERSON_ERASED, null, null, null, survivor), null, 1).items().stream()
                .map(AuditEntry::occurredAt).findFirst().orElse(null);
    }

    /** Carries out a customer's request: only one that was made (any person can be erased through the API). */
    @PostMapping("/admin/erasures/{personId}")
    String erase(@PathVariable String personId) {
        UUID id = PageInput.uuid(personId, "personId");
        if (audit.find(new AuditQuery(ERASURE_REQUESTED, null, null, null, id.toString()), null, 1).items()
                .isEmpty()) {
            throw new ProblemException.NotFound("admin.erasures.noRequest", id);
        }
        outreach.erase(id);
        return "redirect:/admin/erasures?erased";
    }

    private static final String ERASURE_REQUESTED = "portal.erasure_requested";
    private static final String PERSON_ERASED = "outreach.person_erased";

    // Helpers

    /**
     * Answers the form again with the service's refusal: the status it carries, each field's message next to the
     * field and a summary above the form, in the reader's language.
     */
    private String refused(ProblemException problem, HttpServletResponse response, Model model, String view) {
        Refusals.show(problem, messages, response, model);
        model.addAttribute("allRoles", StaffRole.values());
        model.addAttribute("allScopes", Scope.values());
        return view;
    }

    /** A secret in the answer: no cache, no back-button copy, no proxy may keep it. */
    private static void shownOnce(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }

    private static Set<StaffRole> staffRoles(List<String> names) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        for (String name : names == null ? List.<String>of() : names) {
            try {
                roles.add(StaffRole.fromName(name));
            } catch (IllegalArgumentException e) {
                throw PageInput.invalid("roles");
            }
        }
        return roles;
    }

    private static Set<Scope> scopes(List<String> codes) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String code : codes == null ? List.<String>of() : codes) {
            try {
                scopes.add(Scope.fromCode(code));
            } catch (IllegalArgumentException e) {
                throw PageInput.invalid("scopes");
            }
        }
        return scopes;
    }

    /** A key expires when its UTC day begins. */
    private static Instant expiry(String date) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        LocalDate day = day("expiresAt", date, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A date as an {@code <input type="date">} sends it (yyyy-MM-dd), within years a person would mean. */
    private static LocalDate day(String field, String text, List<ProblemException.FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(text.strip());
            if (day.getYear() >= 1970 && day.getYear() <= 9999) {
                return day;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new ProblemException.FieldError(field, "Date", "admin.error.date"));
        return null;
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return PageRequest.DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw PageInput.invalid("limit");
        }
        return limit;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Set<String> asSet(List<String> values) {
        return values == null ? Set.of() : new LinkedHashSet<>(values);
    }
}
