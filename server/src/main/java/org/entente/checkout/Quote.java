package org.entente.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer at the moment of purchase, in the reader's language. Amounts are in {@code currency}; {@code total} is
 * what is left to pay in money: {@code subtotal - discountTotal - points.redeemedValue}. Points the quote spends
 * (rewards paid with points and the redemption asked for) are held until it is confirmed, cancelled or expires.
 *
 * @param recognised whether a known person was found for the identifiers given
 * @param profileId  the person recognised, null otherwise
 * @param tier       null without a tier
 * @param lines      the basket lines, with what the offers took off each
 * @param state      {@code open}, {@code confirmed}, {@code cancelled} or {@code expired}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Quote(UUID quoteId, String state, boolean recognised, UUID profileId, Tier tier,
                    List<Benefit> benefits, List<AppliedOffer> offers, Points points,
                    List<Recommendation> recommendations, List<WishlistItem> wishlist, List<Line> lines,
                    String currency, BigDecimal subtotal, BigDecimal discountTotal, BigDecimal total,
                    Instant createdAt, Instant expiresAt) {

    public record Tier(String code, String name) {
    }

    public record Benefit(String kind, String description) {
    }

    /**
     * @param reason    why it applies, in words
     * @param appliesTo the SKUs it takes something off
     * @param points    the points that pay for it (a reward paid with points), 0 otherwise
     */
    public record AppliedOffer(UUID offerId, String kind, String label, String reason, BigDecimal discount,
                               List<String> appliesTo, long points) {
    }

    /**
     * @param balance       the person's points before this quote
     * @param redeemable    what they could spend now (available points: balance less what other quotes hold)
     * @param redeemed      what this quote spends: rewards paid with points plus the redemption granted
     * @param redeemedValue what the redemption granted takes off the total
     * @param toEarn        what the purchase will earn once confirmed, before any daily cap
     */
    public record Points(long balance, long redeemable, long redeemed, BigDecimal redeemedValue, long toEarn) {
    }

    public record Recommendation(String sku, String reason) {
    }

    /** @param reason why it is mentioned */
    public record WishlistItem(String sku, String name, Instant addedAt, String reason) {
    }

    public record Line(String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal discount,
                       BigDecimal total) {
    }
}
