package org.entente.loyalty.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.entente.loyalty.LedgerEntry;
import org.entente.loyalty.Loyalty;
import org.entente.loyalty.LoyaltyStatus;
import org.entente.loyalty.PointsChange;
import org.entente.platform.CursorPage;
import org.entente.platform.PageRequest;
import org.entente.platform.ProblemException;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** A person's loyalty: standing, ledger, redemptions at the till, staff adjustments. */
@RestController
@RequestMapping("/api/v1/profiles/{id}/loyalty")
@Tag(name = "Loyalty", description = "A person's tier, progress, points, lots, benefits and ledger")
class ProfileLoyaltyController {

    static final long MAX_POINTS = 100_000_000L;

    private final Loyalty loyalty;

    ProfileLoyaltyController(Loyalty loyalty) {
        this.loyalty = loyalty;
    }

    @GetMapping
    @RequiresScope(Scope.READ)
    @Operation(summary = "Where the person stands",
            description = "Tier and since when, card, progress to the next tier in words and numbers, points "
                    + "(balance, held, available, debt, next expiry), open lots, benefits; labels in the "
                    + "Accept-Language.")
    LoyaltyStatus status(@PathVariable UUID id) {
        return loyalty.status(id, LocaleContextHolder.getLocale());
    }

    @GetMapping("/ledger")
    @RequiresScope(Scope.READ)
    @Operation(summary = "The person's points ledger, newest first",
            description = "Pass the answer's `next` as `before` for the following page.")
    CursorPage<LedgerEntry> ledger(@PathVariable UUID id,
                                   @RequestParam(required = false) @Size(max = 512) String before,
                                   @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT)
                                   @Min(1) @Max(PageRequest.MAX_LIMIT) int limit) {
        return loyalty.ledger(id, before, limit);
    }

    record Adjustment(
            @NotNull @Min(-MAX_POINTS) @Max(MAX_POINTS) Long points,
            @NotBlank @Size(min = 3, max = 500)
            @Pattern(regexp = "[^\\p{Cntrl}]*", message = "{problem.field.noControlCharacters}") String reason,
            @Size(min = 1, max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]*", message = "{problem.loyalty.reference}")
            String reference) {
    }

    @PostMapping("/adjustments")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "A staff adjustment, with its reason",
            description = "Positive points make a new lot; negative ones are taken from the lots expiring first and "
                    + "may not take more than is available (409 `insufficient_points`). Audited. Idempotent on "
                    + "`reference`: the same reference again answers 200 with the first adjustment.")
    ResponseEntity<PointsChange> adjust(@PathVariable UUID id, @Valid @RequestBody Adjustment adjustment) {
        if (adjustment.points() == 0) {
            throw new ProblemException.BadRequest(List.of(new ProblemException.FieldError("points", "NotZero",
                    "problem.loyalty.zeroPoints")), "problem.validation");
        }
        String reference = adjustment.reference() == null || adjustment.reference().isEmpty()
                ? UUID.randomUUID().toString() : adjustment.reference();
        PointsChange change = loyalty.adjust(id, adjustment.points(), adjustment.reason().strip(), reference);
        return ResponseEntity.status(change.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(change);
    }

    record Redemption(
            @NotNull @Min(1) @Max(MAX_POINTS) Long points,
            @NotBlank @Size(max = 200)
            @Pattern(regexp = "[^\\p{Cntrl}]*", message = "{problem.field.noControlCharacters}") String orderId) {
    }

    @PostMapping("/redemptions")
    @RequiresScope({Scope.CHECKOUT, Scope.ADMIN})
    @Operation(summary = "Spend points for an order, at the till",
            description = "Takes the points from the lots expiring first. Two tills spending the same points: one "
                    + "wins, the other gets 409 `insufficient_points`. Idempotent on `orderId`: the same redemption "
                    + "again answers 200 with the first one; another number of points for that order is 409 "
                    + "`source_reused`.")
    ResponseEntity<PointsChange> redeem(@PathVariable UUID id, @Valid @RequestBody Redemption redemption) {
        PointsChange change = loyalty.redeem(id, redemption.points(), redemption.orderId().strip());
        return ResponseEntity.status(change.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(change);
    }
}
