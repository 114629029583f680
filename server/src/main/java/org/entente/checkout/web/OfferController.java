package org.entente.checkout.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.entente.checkout.Checkout;
import org.entente.checkout.Offer;
import org.entente.checkout.OfferCatalog;
import org.entente.platform.IfMatch;
import org.entente.platform.ProblemException;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The offer catalog. */
@RestController
@Tag(name = "Offers", description = "Typed offers applied at checkout: nth-purchase rewards, member prices, basket "
        + "offers, personal offers")
class OfferController {

    private final OfferCatalog catalog;
    private final Checkout checkout;

    OfferController(OfferCatalog catalog, Checkout checkout) {
        this.catalog = catalog;
        this.checkout = checkout;
    }

    @GetMapping("/api/v1/offers")
    @RequiresScope(Scope.READ)
    @Operation(summary = "Every offer, oldest first", description = "At most 500 offers exist at once.")
    Map<String, List<Offer>> list() {
        return Map.of("items", catalog.list());
    }

    @GetMapping("/api/v1/offers/{id}")
    @RequiresScope(Scope.READ)
    @Operation(summary = "One offer", description = "Its ETag is its version, for If-Match on PUT.")
    ResponseEntity<Offer> get(@PathVariable UUID id) {
        Offer offer = catalog.find(id)
                .orElseThrow(() -> new ProblemException.NotFound("problem.checkout.offerNotFound", id));
        return ResponseEntity.ok().eTag("\"" + offer.version() + "\"").body(offer);
    }

    @PostMapping("/api/v1/offers")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Add an offer", description = "Validated as a whole (every fault is listed), in force at "
            + "once, audited.")
    ResponseEntity<Offer> create(@RequestBody Offer offer) {
        Offer saved = catalog.create(offer);
        return ResponseEntity.status(HttpStatus.CREATED).eTag("\"" + saved.version() + "\"").body(saved);
    }

    @PutMapping("/api/v1/offers/{id}")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Replace an offer", description = "Send the version you edited (`version` in the body, or "
            + "`If-Match`) to get 409 `stale_offer` rather than overwrite another change. Audited.")
    ResponseEntity<Offer> update(@PathVariable UUID id, @RequestBody Offer offer,
                                 @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Optional<Integer> basedOn = IfMatch.basedOn(ifMatch, offer.version());
        Offer saved = catalog.update(id, offer, basedOn);
        return ResponseEntity.ok().eTag("\"" + saved.version() + "\"").body(saved);
    }

    @DeleteMapping("/api/v1/offers/{id}")
    @RequiresScope(Scope.ADMIN)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Withdraw an offer", description = "No quote gets it any more; rewards already granted stay "
            + "until their goods are returned. Audited.")
    void delete(@PathVariable UUID id) {
        catalog.delete(id);
    }

    @PostMapping("/api/v1/checkout/maintenance")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Close expired quotes and compute recommendations now",
            description = "What the scheduled jobs do.")
    Checkout.MaintenanceReport maintenance() {
        return checkout.runMaintenance();
    }
}
