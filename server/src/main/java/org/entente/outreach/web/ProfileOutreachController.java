package org.entente.outreach.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.entente.outreach.Consent;
import org.entente.outreach.ConsentRequest;
import org.entente.outreach.ConsentState;
import org.entente.outreach.Outreach;
import org.entente.outreach.PersonalData;
import org.entente.outreach.PreferenceChange;
import org.entente.outreach.Preferences;
import org.entente.platform.CursorPage;
import org.entente.platform.PageRequest;
import org.entente.platform.IfMatch;
import org.entente.platform.ProblemException;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.entente.profile.Channel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A person's contact preferences and consent ledger. */
@RestController
@Validated
@RequestMapping("/api/v1/profiles/{id}")
@Tag(name = "Preferences and consents", description = "What a person chose about being contacted, and the "
        + "append-only consent ledger")
class ProfileOutreachController {

    private final Outreach outreach;

    ProfileOutreachController(Outreach outreach) {
        this.outreach = outreach;
    }

    @GetMapping("/preferences")
    @RequiresScope({Scope.READ, Scope.OUTREACH})
    @Operation(summary = "What the person chose", description = "Channels, topics, limits, quiet hours, pause, "
            + "\"only when I ask\", preferred channel; the defaults (version 0) if they never chose. Its ETag is its "
            + "version, for If-Match on PUT.")
    ResponseEntity<Preferences> preferences(@PathVariable UUID id) {
        Preferences preferences = outreach.preferences(id);
        return ResponseEntity.ok().eTag("\"" + preferences.version() + "\"").body(preferences);
    }

    @PutMapping("/preferences")
    @RequiresScope(Scope.OUTREACH)
    @Operation(summary = "Save what the person chose, in force at once",
            description = "Validated as a whole (every fault is listed). `source` says through which channel the "
                    + "change was made (web, app, store, call_center...; default other); every change is recorded with "
                    + "who made it. Send the version edited (`version` or `If-Match`) to get 409 `stale_preferences` "
                    + "rather than overwrite another change.")
    ResponseEntity<Preferences> save(@PathVariable UUID id, @RequestBody Preferences preferences,
                                     @RequestParam(defaultValue = "other") String source,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Channel channel = Channel.fromCode(source).orElseThrow(() -> new ProblemException.BadRequest(List.of(
                new ProblemException.FieldError("source", "Source", "problem.outreach.source")),
                "problem.validation"));
        Optional<Integer> basedOn = IfMatch.basedOn(ifMatch, preferences.version());
        Preferences saved = outreach.savePreferences(id, preferences, basedOn, channel);
        return ResponseEntity.ok().eTag("\"" + saved.version() + "\"").body(saved);
    }

    @GetMapping("/preferences/history")
    @RequiresScope({Scope.READ, Scope.OUTREACH})
    @Operation(summary = "Every change of the person's preferences, newest first",
            description = "Who made it, through which channel, before and after. Pass `next` as `before`.")
    CursorPage<PreferenceChange> history(@PathVariable UUID id,
                                             @RequestParam(required = false) @Size(max = 512) String before,
                                             @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT)
                                             @Min(1) @Max(PageRequest.MAX_LIMIT) int limit) {
        return outreach.preferenceChanges(id, before, limit);
    }

    @PostMapping("/consents")
    @RequiresScope(Scope.OUTREACH)
    @Operation(summary = "Record a consent given or withdrawn",
            description = "Appended to the ledger, in force at once. `purpose` (marketing, profiling, community), "
                    + "`channel` (email, sms, push, phone, post, whatsapp, or any), `status` (granted, withdrawn), "
                    + "`source` (the channel used: web, store...), `actor` (customer, agent, import, system), "
                    + "`noticeVersion`, `legalBasis` (consent by default), `givenAt`, `evidence` (`ip`, kept only as "
                    + "its SHA-256, and `userAgent`). Audited.")
    ResponseEntity<Consent> record(@PathVariable UUID id, @RequestBody ConsentRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(outreach.recordConsent(id, request));
    }

    /** The current state, and a page of the ledger. */
    record Consents(ConsentState state, List<Consent> items, String next) {
    }

    @GetMapping("/consents")
    @RequiresScope({Scope.READ, Scope.OUTREACH})
    @Operation(summary = "Where the person's consents stand, and their history",
            description = "`state.current`: per purpose and channel, the latest record. `items`: the ledger, newest "
                    + "first; pass `next` as `before`.")
    Consents consents(@PathVariable UUID id, @RequestParam(required = false) @Size(max = 512) String before,
                      @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT)
                      @Min(1) @Max(PageRequest.MAX_LIMIT) int limit) {
        CursorPage<Consent> page = outreach.consentHistory(id, before, limit);
        return new Consents(outreach.consents(id), page.items(), page.next());
    }

    @GetMapping("/export")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Everything Entente holds on the person, as one JSON document",
            description = "Profile, identifiers and merges, every event, loyalty standing and ledger, preferences and "
                    + "their changes, the consent ledger, every gate verdict, every message. Audited.")
    ResponseEntity<PersonalData> export(@PathVariable UUID id) {
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"entente-" + id + ".json\"")
                .body(outreach.export(id, org.springframework.context.i18n.LocaleContextHolder.getLocale()));
    }

    @PostMapping("/erase")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Erase the person's personal data",
            description = "Identifiers deleted; traits, event properties and identifiers emptied (events stay for the "
                    + "statistics); rejected payloads and quotes naming them deleted; consent evidence removed. Hashed "
                    + "suppression entries remain so that no later import makes the person contactable again (the gate "
                    + "answers `suppressed`). Audited; not reversible.")
    Outreach.Erasure erase(@PathVariable UUID id) {
        return outreach.erase(id);
    }
}
