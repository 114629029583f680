package org.entente.loyalty;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A loyalty program definition, as the brand writes it and {@code GET/PUT /api/v1/loyalty/program} shows it. Absent
 * optional parts take their defaults when the program is saved; {@code Loyalty#saveProgram} validates the whole and
 * says precisely what is wrong. Rules are data: nothing here is ever evaluated as an expression.
 *
 * @param version   set by Entente: the version this definition is (a PUT may send the version it was edited from,
 *                  to be refused if somebody saved another meanwhile)
 * @param updatedAt set by Entente: when this version was saved
 * @param updatedBy set by Entente: who saved it
 * @param active    false pauses the program: nothing is earned and no tier changes; balances stay
 * @param currency  ISO-4217: only orders in this currency earn points and count as spend
 * @param timezone  the IANA zone in which days (daily caps) and months (expiry) are counted
 * @param tiers     lowest first: a person holds the highest tier whose qualification they meet
 * @param card      when a loyalty card number is issued (by default with the lowest tier)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Program(Integer version, Instant updatedAt, String updatedBy, Boolean active, String currency,
                      String timezone, List<Tier> tiers, Earning earning, Expiry expiry, Card card, Returns returns,
                      Review review) {

    public Program {
        active = active == null ? Boolean.TRUE : active;
        currency = currency == null ? "EUR" : currency;
        timezone = timezone == null ? "Europe/Paris" : timezone;
        tiers = tiers == null ? List.of() : nullFree(tiers);
        earning = earning == null ? new Earning(null, null, null, null) : earning;
        expiry = expiry == null ? new Expiry(null, null) : expiry;
        card = card == null ? new Card(null, null, null) : card;
        returns = returns == null ? new Returns(null) : returns;
        review = review == null ? new Review(null) : review;
    }

    /** This definition as saved: with its version, time and author. */
    public Program saved(int newVersion, Instant at, String by) {
        return new Program(newVersion, at, by, active, currency, timezone, tiers, earning, expiry, card, returns,
                review);
    }

    /** This definition with {@code active} set. */
    public Program withActive(boolean value) {
        return new Program(version, updatedAt, updatedBy, value, currency, timezone, tiers, earning, expiry, card,
                returns, review);
    }

    /**
     * The program Entente starts with: no tier at the first purchase; Member after 3 satisfied orders within a year;
     * Insider after 8 orders or 600 EUR within a year; one point per euro, points kept 24 months.
     */
    public static Program defaults() {
        Qualification member = new Qualification(3, null, 365, true, 30);
        Qualification insider = new Qualification(8, new BigDecimal("600"), 365, true, 30);
        return new Program(null, null, null, true, "EUR", "Europe/Paris", List.of(
                new Tier("member", Map.of("en", "Member", "fr", "Membre"), member, List.of(
                        new Benefit.MemberPrice(new BigDecimal("5"), List.of(), List.of()),
                        new Benefit.ExtendedReturns(60),
                        new Benefit.BirthdayGift(100))),
                new Tier("insider", Map.of("en", "Insider", "fr", "Initié"), insider, List.of(
                        new Benefit.MemberPrice(new BigDecimal("10"), List.of(), List.of()),
                        new Benefit.FreeDelivery(null),
                        new Benefit.ExtendedReturns(90),
                        new Benefit.PriorityService(),
                        new Benefit.BirthdayGift(250),
                        new Benefit.EarlyAccess(2)))),
                new Earning(BigDecimal.ONE, List.of(), List.of(new Bonus("review", 50L, 1)), null),
                new Expiry(24, null), new Card(true, null, null), new Returns(Shortfall.DEBT), new Review(30));
    }

    /**
     * A status level.
     *
     * @param code     stable, lower-case ({@code member}); what the API and events name
     * @param name     the label per language ({@code en} required, {@code fr} recommended)
     * @param benefits what the tier gives, unconditionally while it is held (listed in full, not inherited)
     */
    public record Tier(String code, Map<String, String> name, Qualification qualification, List<Benefit> benefits) {
        public Tier {
            name = name == null ? Map.of() : name;
            benefits = benefits == null ? List.of() : nullFree(benefits);
        }
    }

    /**
     * What earns a tier: {@code minOrders} orders and/or {@code minSpend} spent (either is enough when both are set)
     * within the last {@code windowDays} days. With {@code satisfiedOnly}, an order returned or complained about
     * within {@code satisfactionDays} of its purchase does not count, nor does its spend. Spend is always net of
     * returns.
     */
    public record Qualification(Integer minOrders, BigDecimal minSpend, Integer windowDays, Boolean satisfiedOnly,
                                Integer satisfactionDays) {
        public Qualification {
            windowDays = windowDays == null ? 365 : windowDays;
            satisfiedOnly = satisfiedOnly == null ? Boolean.TRUE : satisfiedOnly;
            satisfactionDays = satisfactionDays == null ? 30 : satisfactionDays;
        }
    }

    /** What a tier gives. Each kind has its own typed parameters. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Benefit.MemberPrice.class, name = "member_price"),
            @JsonSubTypes.Type(value = Benefit.FreeDelivery.class, name = "free_delivery"),
            @JsonSubTypes.Type(value = Benefit.ExtendedReturns.class, name = "extended_returns"),
            @JsonSubTypes.Type(value = Benefit.PriorityService.class, name = "priority_service"),
            @JsonSubTypes.Type(value = Benefit.BirthdayGift.class, name = "birthday_gift"),
            @JsonSubTypes.Type(value = Benefit.EarlyAccess.class, name = "early_access")})
    public sealed interface Benefit {

        /** The wire name of the kind ({@code member_price}). */
        default String kind() {
            return getClass().getAnnotation(Kind.class).value();
        }

        /**
         * A member price: {@code percent} off items of these categories or brands (all items when both are empty).
         */
        @Kind("member_price")
        record MemberPrice(BigDecimal percent, List<String> categories, List<String> brands) implements Benefit {
            public MemberPrice {
                categories = categories == null ? List.of() : nullFree(categories);
                brands = brands == null ? List.of() : nullFree(brands);
            }
        }

        /** Free delivery, on baskets of at least {@code minBasket} (every basket when null). */
        @Kind("free_delivery")
        record FreeDelivery(BigDecimal minBasket) implements Benefit {
        }

        /** Goods may be returned within {@code days} days instead of the usual period. */
        @Kind("extended_returns")
        record ExtendedReturns(Integer days) implements Benefit {
        }

        /** The priority line of the service desk and call center. */
        @Kind("priority_service")
        record PriorityService() implements Benefit {
        }

        /** A birthday gift worth {@code points} points. */
        @Kind("birthday_gift")
        record BirthdayGift(Integer points) implements Benefit {
        }

        /** Sales and launches open {@code days} days early. */
        @Kind("early_access")
        record EarlyAccess(Integer days) implements Benefit {
        }
    }

    /** The wire name of a benefit kind. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @interface Kind {
        String value();
    }

    /**
     * How points are earned.
     *
     * @param pointsPerUnit   points per unit of the program currency paid (fractions are allowed; an order's points
     *                        are rounded down once)
     * @param multipliers     factors for items of a SKU, a brand or a category; the most specific match wins (SKU,
     *                        then brand, then category), the highest factor among equals; 0 excludes the items
     * @param bonuses         fixed points for an event type (a review written), at most {@code maxPerDay} a day
     * @param maxPointsPerDay the most points a person earns in one day, all rules together (null: no cap)
     */
    public record Earning(BigDecimal pointsPerUnit, List<Multiplier> multipliers, List<Bonus> bonuses,
                          Long maxPointsPerDay) {
        public Earning {
            pointsPerUnit = pointsPerUnit == null ? BigDecimal.ONE : pointsPerUnit;
            multipliers = multipliers == null ? List.of() : nullFree(multipliers);
            bonuses = bonuses == null ? List.of() : nullFree(bonuses);
        }
    }

    /** A factor for the items of exactly one of: a SKU, a brand, a category. */
    public record Multiplier(String sku, String brand, String category, BigDecimal factor) {
    }

    /** Fixed points for each recorded event of this type, at most {@code maxPerDay} times a day (null: no cap). */
    public record Bonus(String event, Long points, Integer maxPerDay) {
    }

    /**
     * When points expire: each lot {@code monthsAfterEarn} months after it was earned, and all of them after
     * {@code monthsOfInactivity} months without a purchase, a redemption, a bonus or a goodwill adjustment, whichever
     * comes first. Both null: never. Points expired stay expired when activity resumes.
     */
    public record Expiry(Integer monthsAfterEarn, Integer monthsOfInactivity) {
    }

    /**
     * @param issue       false: Entente issues no card (the brand has its own)
     * @param issueAtTier the tier whose first earning issues a card number (null: the lowest tier)
     * @param prefix      the first digits of the card numbers (null: {@code 2900})
     */
    public record Card(Boolean issue, String issueAtTier, String prefix) {
        public Card {
            issue = issue == null ? Boolean.TRUE : issue;
        }
    }

    /** What a return does when the points it takes back were already spent. */
    public record Returns(Shortfall shortfall) {
        public Returns {
            shortfall = shortfall == null ? Shortfall.DEBT : shortfall;
        }
    }

    /** {@code debt}: recorded and cleared by the next earnings; {@code forgive}: written off. */
    public enum Shortfall {
        @com.fasterxml.jackson.annotation.JsonProperty("debt") DEBT,
        @com.fasterxml.jackson.annotation.JsonProperty("forgive") FORGIVE
    }

    /** A tier whose qualification is no longer met is kept {@code graceDays} days before the review lowers it. */
    public record Review(Integer graceDays) {
        public Review {
            graceDays = graceDays == null ? 30 : graceDays;
        }
    }

    private static <T> List<T> nullFree(List<T> list) {
        // Nulls inside lists are kept for the validator to point at; List.copyOf would refuse them.
        return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }
}
