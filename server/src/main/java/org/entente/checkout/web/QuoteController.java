package org.entente.checkout.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.entente.checkout.Checkout;
import org.entente.checkout.Confirmation;
import org.entente.checkout.Quote;
import org.entente.checkout.QuoteRequest;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Quotes at the moment of purchase. */
@RestController
@RequestMapping("/api/v1/checkout/quotes")
@Tag(name = "Checkout", description = "Who is this customer, and what do they get now: benefits, offers, points, "
        + "recommendations, wish list")
class QuoteController {

    /** Set by {@link ServerTiming}: when the request reached the application. */
    static final String STARTED = QuoteController.class.getName() + ".started";

    private final Checkout checkout;

    QuoteController(Checkout checkout) {
        this.checkout = checkout;
    }

    @PostMapping
    @RequiresScope({Scope.CHECKOUT, Scope.ADMIN})
    @Operation(summary = "Quote a basket",
            description = "Recognises the customer by any identifier (card, customer id, payment token, email, "
                    + "phone...), applies their tier's benefits and the offers of the catalog, holds the points the "
                    + "basket spends, and answers in the Accept-Language. An unknown customer gets the offers open to "
                    + "anybody. The quote stays open 15 minutes by default.")
    ResponseEntity<Quote> quote(@RequestBody QuoteRequest request, HttpServletRequest http) {
        Quote quote = checkout.quote(request, LocaleContextHolder.getLocale());
        return timed(http, ResponseEntity.status(HttpStatus.CREATED)).body(quote);
    }

    /** @param orderId at most 119 characters: the purchase is recorded as event {@code checkout:<orderId>} */
    record Confirm(@NotBlank @Size(max = 119)
                   @Pattern(regexp = "[^\\p{Cntrl}]*", message = "{problem.field.noControlCharacters}")
                   String orderId,
                   @Size(min = 1, max = 128)
                   @Pattern(regexp = "[^\\p{Cntrl}]*", message = "{problem.field.noControlCharacters}")
                   String eventId) {
    }

    @PostMapping("/{quoteId}/confirm")
    @RequiresScope({Scope.CHECKOUT, Scope.ADMIN})
    @Operation(summary = "Confirm a quote: the order is paid",
            description = "Spends the points held, grants the rewards and records the purchase (as a `purchase` event "
                    + "with the quote's lines and the total paid, id `checkout:<orderId>` unless `eventId` is given). "
                    + "Idempotent on `orderId`: the same confirm again answers 200 with the first one. 409 "
                    + "`quote_expired`, `quote_cancelled`, `quote_confirmed` (for another order), `order_confirmed` "
                    + "(by another quote), `insufficient_points`, `quote_stale` (a reward it grants was granted "
                    + "meanwhile by another order: quote the basket again).")
    ResponseEntity<Confirmation> confirm(@PathVariable UUID quoteId, @Valid @RequestBody Confirm confirm,
                                         HttpServletRequest http) {
        Confirmation confirmation = checkout.confirm(quoteId, confirm.orderId().strip(), confirm.eventId());
        return timed(http, ResponseEntity.status(confirmation.replayed() ? HttpStatus.OK : HttpStatus.CREATED))
                .body(confirmation);
    }

    @PostMapping("/{quoteId}/cancel")
    @RequiresScope({Scope.CHECKOUT, Scope.ADMIN})
    @Operation(summary = "Cancel a quote",
            description = "Releases the points it held. Cancelling again, or an expired quote, changes nothing. 409 "
                    + "`quote_confirmed` when it was confirmed.")
    Map<String, Object> cancel(@PathVariable UUID quoteId) {
        return Map.of("quoteId", quoteId, "state", checkout.cancel(quoteId));
    }

    /**
     * {@code Server-Timing: app;dur=...}: the time the request spent in the application, from the security filters
     * to the answer, in milliseconds. What the checkout bench reports as server time.
     */
    private static ResponseEntity.BodyBuilder timed(HttpServletRequest http, ResponseEntity.BodyBuilder builder) {
        Object started = http.getAttribute(STARTED);
        if (started instanceof Long nanos) {
            builder.header("Server-Timing", String.format(Locale.ROOT, "app;dur=%.3f",
                    (System.nanoTime() - nanos) / 1e6));
        }
        return builder;
    }
}
