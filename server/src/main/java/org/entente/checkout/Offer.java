package org.entente.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An offer of the catalog, as the brand writes it and {@code /api/v1/offers} shows it. Rules are typed data: an offer
 * is validated when it is saved and compiled once into the catalog in force, never interpreted per request.
 * <p>
 * Common to every kind: {@code id}, {@code version}, {@code updatedAt}, {@code updatedBy} (set by Entente);
 * {@code label} per language ({@code en} required, {@code fr} recommended); {@code validFrom}/{@code validUntil}
 * (null: open-ended); {@code channels} where it applies (empty: everywhere); {@code currency} of its amounts (only
 * quotes in that currency get it); {@code priority} (higher first; ties by id); {@code stackable} (false: exclusive);
 * {@code maxDiscount} (the most it takes off one basket, null: no cap).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Offer.NthPurchase.class, name = "nth_purchase"),
        @JsonSubTypes.Type(value = Offer.MemberPrice.class, name = "member_price"),
        @JsonSubTypes.Type(value = Offer.BasketOffer.class, name = "basket"),
        @JsonSubTypes.Type(value = Offer.PersonalOffer.class, name = "personal")})
@JsonInclude(JsonInclude.Include.ALWAYS)
public sealed interface Offer {

    UUID id();

    Integer version();

    Instant updatedAt();

    String updatedBy();

    Map<String, String> label();

    Instant validFrom();

    Instant validUntil();

    List<String> channels();

    String currency();

    Integer priority();

    Boolean stackable();

    BigDecimal maxDiscount();

    /** The wire name of the kind ({@code nth_purchase}). */
    default String kind() {
        return switch (this) {
            case NthPurchase o -> "nth_purchase";
            case MemberPrice o -> "member_price";
            case BasketOffer o -> "basket";
            case PersonalOffer o -> "personal";
        };
    }

    /** This offer as saved: with its id, version, time and author. */
    Offer saved(UUID newId, int newVersion, Instant at, String by);

    /**
     * Every {@code every}-th unit of the matching items bought, counting the person's past purchases (net of
     * returns) and the current basket, gets {@code reward}: "every fifth pack of brand X: that pack free, paid with
     * points". A unit rewarded once is never rewarded again, and a reward whose goods are returned is reversed.
     *
     * @param match exactly one of sku, brand or category (past purchases are counted by it)
     */
    record NthPurchase(UUID id, Integer version, Instant updatedAt, String updatedBy, Map<String, String> label,
                       Match match, Integer every, Reward reward, Instant validFrom, Instant validUntil,
                       List<String> channels, String currency, Integer priority, Boolean stackable,
                       BigDecimal maxDiscount) implements Offer {
        public NthPurchase {
            label = label == null ? Map.of() : label;
            channels = channels == null ? List.of() : channels;
            currency = currency == null ? "EUR" : currency;
            priority = priority == null ? 0 : priority;
            stackable = stackable == null ? Boolean.TRUE : stackable;
        }

        @Override
        public Offer saved(UUID newId, int newVersion, Instant at, String by) {
            return new NthPurchase(newId, newVersion, at, by, label, match, every, reward, validFrom, validUntil,
                    channels, currency, priority, stackable, maxDiscount);
        }
    }

    /**
     * The member price of the person's tier ({@code member_price} benefits of the loyalty program) applied to the
     * matching items of the basket.
     *
     * @param tiers only these tiers (empty: every tier that has a member price)
     */
    record MemberPrice(UUID id, Integer version, Instant updatedAt, String updatedBy, Map<String, String> label,
                       List<String> tiers, Instant validFrom, Instant validUntil, List<String> channels,
                       String currency, Integer priority, Boolean stackable, BigDecimal maxDiscount)
            implements Offer {
        public MemberPrice {
            label = label == null ? Map.of() : label;
            tiers = tiers == null ? List.of() : tiers;
            channels = channels == null ? List.of() : channels;
            currency = currency == null ? "EUR" : currency;
            priority = priority == null ? 0 : priority;
            stackable = stackable == null ? Boolean.TRUE : stackable;
        }

        @Override
        public Offer saved(UUID newId, int newVersion, Instant at, String by) {
            return new MemberPrice(newId, newVersion, at, by, label, tiers, validFrom, validUntil, channels, currency,
                    priority, stackable, maxDiscount);
        }
    }

    /**
     * A basket offer for anybody: when the matching items of the basket come to at least {@code minSubtotal} and
     * {@code minQuantity} units, {@code discount} applies to them all, or, with {@code nthItem}, to every
     * {@code nthItem}-th matching unit, the dearest first ("10% on the second item of category Y").
     *
     * @param match which items count (null: all)
     */
    record BasketOffer(UUID id, Integer version, Instant updatedAt, String updatedBy, Map<String, String> label,
                       Match match, BigDecimal minSubtotal, Integer minQuantity, Integer nthItem, Discount discount,
                       Instant validFrom, Instant validUntil, List<String> channels, String currency,
                       Integer priority, Boolean stackable, BigDecimal maxDiscount) implements Offer {
        public BasketOffer {
            label = label == null ? Map.of() : label;
            channels = channels == null ? List.of() : channels;
            currency = currency == null ? "EUR" : currency;
            priority = priority == null ? 0 : priority;
            stackable = stackable == null ? Boolean.TRUE : stackable;
        }

        @Override
        public Offer saved(UUID newId, int newVersion, Instant at, String by) {
            return new BasketOffer(newId, newVersion, at, by, label, match, minSubtotal, minQuantity, nthItem,
                    discount, validFrom, validUntil, channels, currency, priority, stackable, maxDiscount);
        }
    }

    /**
     * An offer for the persons who meet {@code conditions}: {@code discount} on the matching items of the basket
     * when they come to at least {@code minSubtotal}. Unknown customers never get it.
     *
     * @param match which items it applies to (null: all)
     */
    record PersonalOffer(UUID id, Integer version, Instant updatedAt, String updatedBy, Map<String, String> label,
                         Conditions conditions, Match match, BigDecimal minSubtotal, Discount discount,
                         Instant validFrom, Instant validUntil, List<String> channels, String currency,
                         Integer priority, Boolean stackable, BigDecimal maxDiscount) implements Offer {
        public PersonalOffer {
            label = label == null ? Map.of() : label;
            channels = channels == null ? List.of() : channels;
            currency = currency == null ? "EUR" : currency;
            priority = priority == null ? 0 : priority;
            stackable = stackable == null ? Boolean.TRUE : stackable;
        }

        @Override
        public Offer saved(UUID newId, int newVersion, Instant at, String by) {
            return new PersonalOffer(newId, newVersion, at, by, label, conditions, match, minSubtotal, discount,
                    validFrom, validUntil, channels, currency, priority, stackable, maxDiscount);
        }
    }

    /**
     * Which items: those with this SKU, brand and category (each given field must match; the SKU exactly, brand and
     * category whatever their case).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Match(String sku, String brand, String category) {
    }

    /**
     * @param percentOff              how much of the rewarded unit's price is taken off (100: free)
     * @param paidWithPoints          the discount is paid with the person's points instead of being given: it
     *                                applies only when enough points are available, and they are held with the quote
     * @param pointsPerUnitOfCurrency what one unit of currency of the discount costs in points
     */
    record Reward(BigDecimal percentOff, Boolean paidWithPoints, BigDecimal pointsPerUnitOfCurrency) {
        public Reward {
            paidWithPoints = paidWithPoints == null ? Boolean.FALSE : paidWithPoints;
        }
    }

    /** Exactly one of: a percentage off, or an amount off (in the offer's currency). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Discount(BigDecimal percentOff, BigDecimal amountOff) {
    }

    /**
     * Who gets a personal offer; every condition given must hold (absent ones do not count).
     *
     * @param lifecycles                {@code prospect}, {@code customer}, {@code lapsed}
     * @param tiers                     loyalty tier codes
     * @param categoriesBought          at least one of these categories bought before (net of returns)
     * @param lastPurchaseOlderThanDays no purchase in the last N days (a person who never bought meets it)
     * @param birthdayMonth             true: only in the person's birthday month (in the program's time zone)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Conditions(List<String> lifecycles, List<String> tiers, List<String> categoriesBought,
                      Integer lastPurchaseOlderThanDays, Boolean birthdayMonth) {
    }
}
