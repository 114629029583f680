package org.entente.checkout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A confirmed quote: its points are spent, its rewards granted and its purchase recorded.
 *
 * @param eventId   the id of the purchase event recorded (null when the quote named nobody: an anonymous basket
 *                  records no event)
 * @param profileId the person the purchase counts for (null when anonymous)
 * @param replayed  true when this order had already been confirmed: nothing changed this time
 */
public record Confirmation(UUID quoteId, String orderId, String eventId, UUID profileId, String currency,
                           BigDecimal total, long pointsRedeemed, long pointsToEarn, Instant confirmedAt,
                           boolean replayed) {

    public Confirmation asReplay() {
        return new Confirmation(quoteId, orderId, eventId, profileId, currency, total, pointsRedeemed, pointsToEarn,
                confirmedAt, true);
    }
}
