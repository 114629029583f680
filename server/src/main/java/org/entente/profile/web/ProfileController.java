package org.entente.profile.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.entente.platform.CursorPage;
import org.entente.platform.PageRequest;
import org.entente.platform.ProblemException;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.entente.profile.Channel;
import org.entente.profile.Identifier;
import org.entente.profile.IdentifierNormaliser;
import org.entente.profile.IdentifierType;
import org.entente.profile.IdentityConflict;
import org.entente.profile.ProfileSummary;
import org.entente.profile.ProfileView;
import org.entente.profile.Profiles;
import org.entente.profile.TimelineEntry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Profiles as the brand's systems and the back office read them. */
@RestController
@RequestMapping("/api/v1/profiles")
@Tag(name = "Profiles", description = "One live profile per person: identifiers, lifecycle, statistics, timeline")
class ProfileController {

    static final int MAX_SEARCH_RESULTS = 50;

    private final Profiles profiles;
    private final IdentifierNormaliser normaliser;

    ProfileController(Profiles profiles, IdentifierNormaliser normaliser) {
        this.profiles = profiles;
        this.normaliser = normaliser;
    }

    @GetMapping("/{id}")
    @RequiresScope(Scope.READ)
    @Operation(summary = "One profile", description = "A merged-away id answers with the person it was merged into.")
    ProfileView get(@PathVariable UUID id) {
        return profiles.find(id).orElseThrow(() -> new ProblemException.NotFound("problem.profile.notFound", id));
    }

    @GetMapping
    @RequiresScope(Scope.READ)
    @Operation(summary = "The profile an identifier belongs to", description = "?identifier=email:jane@example.com")
    ProfileView byIdentifier(@RequestParam @NotBlank @Size(max = 400) String identifier) {
        Identifier parsed = parse(identifier);
        return profiles.find(parsed)
                .orElseThrow(() -> new ProblemException.NotFound("problem.profile.identifierNotFound", identifier));
    }

    @GetMapping("/{id}/timeline")
    @RequiresScope(Scope.READ)
    @Operation(summary = "The person's events across channels, newest first",
            description = "Pass the answer's `next` as `before` for the following page.")
    CursorPage<TimelineEntry> timeline(@PathVariable UUID id,
                                       @RequestParam(required = false) @Size(max = 512) String before,
                                       @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT)
                                       @Min(1) @Max(PageRequest.MAX_LIMIT) int limit,
                                       @RequestParam(required = false) @Size(max = 20) List<String> channel,
                                       @RequestParam(required = false) @Size(max = 30)
                                       List<@Pattern(regexp = "[a-z][a-z0-9_.]{0,63}") String> type) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (channel != null) {
            for (String code : channel) {
                channels.add(Channel.fromCode(code).orElseThrow(() -> invalid("channel", "UnknownChannel",
                        "problem.profile.unknownChannel", code)));
            }
        }
        Set<String> types = type == null ? Set.of() : new LinkedHashSet<>(type);
        return profiles.timeline(id, channels, types, before, limit);
    }

    @GetMapping("/search")
    @RequiresScope(Scope.READ)
    @Operation(summary = "Find persons as you type",
            description = "Prefix search on first or last name, email, phone, loyalty card and customer id.")
    List<ProfileSummary> search(@RequestParam @NotBlank @Size(min = 2, max = 100) String q,
                                @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_SEARCH_RESULTS) int limit) {
        return profiles.search(q, limit);
    }

    @PostMapping("/{id}/unmerge")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Undo a merge", description = "Restores a merged person with its own identifiers and events.")
    ProfileView unmerge(@PathVariable UUID id) {
        return profiles.unmerge(id);
    }

    @GetMapping("/conflicts")
    @RequiresScope(Scope.READ)
    @Operation(summary = "Merges and identifiers refused by the per-type limits, for review, newest first")
    CursorPage<IdentityConflict> conflicts(@RequestParam(required = false) @Size(max = 512) String cursor,
                                           @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT)
                                           @Min(1) @Max(PageRequest.MAX_LIMIT) int limit) {
        return profiles.conflicts(cursor, limit);
    }

    private Identifier parse(String typed) {
        int colon = typed.indexOf(':');
        if (colon <= 0) {
            throw invalid("identifier", "InvalidIdentifier", "problem.profile.identifierFormat");
        }
        IdentifierType type = IdentifierType.fromCode(typed.substring(0, colon)).orElseThrow(
                () -> invalid("identifier", "UnknownIdentifierType", "problem.profile.unknownIdentifierType",
                        typed.substring(0, colon)));
        return switch (normaliser.normalise(type, typed.substring(colon + 1))) {
            case IdentifierNormaliser.Result.Valid(Identifier identifier) -> identifier;
            case IdentifierNormaliser.Result.Invalid invalid ->
                    throw invalid("identifier", "InvalidIdentifier", "problem.profile.identifierInvalid", type.code());
            case IdentifierNormaliser.Result.Blocked blocked ->
                    throw invalid("identifier", "BlockedIdentifier", "problem.profile.identifierBlocked");
        };
    }

    private static ProblemException.BadRequest invalid(String field, String code, String messageKey, Object... args) {
        return new ProblemException.BadRequest(List.of(new ProblemException.FieldError(field, code, messageKey, args)),
                "problem.validation");
    }
}
