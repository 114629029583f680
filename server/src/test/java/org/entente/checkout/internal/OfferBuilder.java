package org.entente.checkout.internal;

import org.entente.checkout.Offer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Offers for the checkout tests, as the brand would write them: a valid label, open-ended, everywhere, in EUR,
 * priority 0, stackable, uncapped, unless a test says otherwise. Each offer is saved with a fresh id, later ones
 * with greater ids, so that ties of priority resolve in the order a test builds them.
 */
final class OfferBuilder {

    static final Instant SAVED_AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final AtomicLong IDS = new AtomicLong();

    private UUID id = new UUID(0, IDS.incrementAndGet());
    private Map<String, String> label = Map.of("en", "Test offer", "fr", "Offre de test");
    private Instant validFrom;
    private Instant validUntil;
    private List<String> channels = List.of();
    private String currency = "EUR";
    private Integer priority = 0;
    private Boolean stackable = true;
    private BigDecimal maxDiscount;
    private Offer.Match match;
    private BigDecimal minSubtotal;
    private Integer minQuantity;
    private Integer nthItem;
    private Offer.Discount discount;
    private Offer.Conditions conditions;
    private List<String> tiers = List.of();

    static OfferBuilder offer() {
        return new OfferBuilder();
    }

    static Offer.Match sku(String sku) {
        return new Offer.Match(sku, null, null);
    }

    static Offer.Match brand(String brand) {
        return new Offer.Match(null, brand, null);
    }

    static Offer.Match category(String category) {
        return new Offer.Match(null, null, category);
    }

    static Offer.Discount percentOff(String percent) {
        return new Offer.Discount(new BigDecimal(percent), null);
    }

    static Offer.Discount amountOff(String amount) {
        return new Offer.Discount(null, new BigDecimal(amount));
    }

    static Offer.Reward given(String percent) {
        return new Offer.Reward(new BigDecimal(percent), false, null);
    }

    static Offer.Reward paidWithPoints(String percent, String pointsPerUnitOfCurrency) {
        return new Offer.Reward(new BigDecimal(percent), true, new BigDecimal(pointsPerUnitOfCurrency));
    }

    OfferBuilder id(UUID id) {
        this.id = id;
        return this;
    }

    OfferBuilder label(Map<String, String> label) {
        this.label = label;
        return this;
    }

    OfferBuilder validFrom(Instant validFrom) {
        this.validFrom = validFrom;
        return this;
    }

    OfferBuilder validUntil(Instant validUntil) {
        this.validUntil = validUntil;
        return this;
    }

    OfferBuilder channels(String... channels) {
        this.channels = List.of(channels);
        return this;
    }

    OfferBuilder currency(String currency) {
        this.currency = currency;
        return this;
    }

    OfferBuilder priority(int priority) {
        this.priority = priority;
        return this;
    }

    OfferBuilder exclusive() {
        return stackable(false);
    }

    OfferBuilder stackable(boolean stackable) {
        this.stackable = stackable;
        return this;
    }

    /** @param maxDiscount null: no cap */
    OfferBuilder maxDiscount(String maxDiscount) {
        this.maxDiscount = maxDiscount == null ? null : new BigDecimal(maxDiscount);
        return this;
    }

    OfferBuilder match(Offer.Match match) {
        this.match = match;
        return this;
    }

    /** @param minSubtotal null: no minimum */
    OfferBuilder minSubtotal(String minSubtotal) {
        this.minSubtotal = minSubtotal == null ? null : new BigDecimal(minSubtotal);
        return this;
    }

    OfferBuilder minQuantity(Integer minQuantity) {
        this.minQuantity = minQuantity;
        return this;
    }

    OfferBuilder nthItem(Integer nthItem) {
        this.nthItem = nthItem;
        return this;
    }

    OfferBuilder discount(Offer.Discount discount) {
        this.discount = discount;
        return this;
    }

    OfferBuilder conditions(Offer.Conditions conditions) {
        this.conditions = conditions;
        return this;
    }

    OfferBuilder tiers(String... tiers) {
        this.tiers = List.of(tiers);
        return this;
    }

    /** Every {@code every}-th unit matching {@code match} gets {@code reward}. */
    Offer nthPurchase(Offer.Match match, Integer every, Offer.Reward reward) {
        return new Offer.NthPurchase(null, null, null, null, label, match, every, reward, validFrom, validUntil,
                channels, currency, priority, stackable, maxDiscount).saved(id, 1, SAVED_AT, "test");
    }

    Offer memberPrice() {
        return new Offer.MemberPrice(null, null, null, null, label, tiers, validFrom, validUntil, channels, currency,
                priority, stackable, maxDiscount).saved(id, 1, SAVED_AT, "test");
    }

    Offer basket() {
        return new Offer.BasketOffer(null, null, null, null, label, match, minSubtotal, minQuantity, nthItem,
                discount, validFrom, validUntil, channels, currency, priority, stackable, maxDiscount)
                .saved(id, 1, SAVED_AT, "test");
    }

    Offer personal() {
        return new Offer.PersonalOffer(null, null, null, null, label, conditions, match, minSubtotal, discount,
                validFrom, validUntil, channels, currency, priority, stackable, maxDiscount)
                .saved(id, 1, SAVED_AT, "test");
    }
}
