package org.entente.checkout.internal;

import org.entente.checkout.Offer;
import org.entente.platform.ProblemException.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.entente.checkout.internal.OfferBuilder.amountOff;
import static org.entente.checkout.internal.OfferBuilder.brand;
import static org.entente.checkout.internal.OfferBuilder.category;
import static org.entente.checkout.internal.OfferBuilder.given;
import static org.entente.checkout.internal.OfferBuilder.offer;
import static org.entente.checkout.internal.OfferBuilder.paidWithPoints;
import static org.entente.checkout.internal.OfferBuilder.percentOff;
import static org.entente.checkout.internal.OfferBuilder.sku;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What the brand is told when it saves an offer: each fault on its own, at the path of the field that has it, and an
 * offer that passes compiles into a catalog.
 */
class OfferValidatorTest {

    private static final Instant FROM = Instant.parse("2026-04-01T00:00:00Z");

    private static Offer.Conditions lifecycles(List<String> lifecycles) {
        return new Offer.Conditions(lifecycles, null, null, null, null);
    }

    private static Offer.Conditions categoriesBought(List<String> categories) {
        return new Offer.Conditions(null, null, categories, null, null);
    }

    private static Offer.Conditions lastPurchaseOlderThanDays(int days) {
        return new Offer.Conditions(null, null, null, days, null);
    }

    static Stream<Arguments> validOffers() {
        return Stream.of(
                arguments("nth purchase given", offer().validFrom(FROM).validUntil(FROM.plusSeconds(1))
                        .channels("store", "web").priority(1000).exclusive().maxDiscount("50.00")
                        .nthPurchase(sku("D-42"), 5, given("100"))),
                arguments("nth purchase paid with points", offer().priority(-1000)
                        .nthPurchase(brand("Pampers"), 2, paidWithPoints("33.33", "0.0001"))),
                arguments("nth purchase of a category", offer()
                        .nthPurchase(category("baby"), 1000, paidWithPoints("100", "100000"))),
                arguments("member price for every tier", offer().memberPrice()),
                arguments("member price for some tiers", offer().tiers("gold", "vip_2").memberPrice()),
                arguments("basket for everything", offer().discount(percentOff("10")).basket()),
                arguments("basket with every rule", offer().match(new Offer.Match("A", "X", "baby"))
                        .minSubtotal("0").minQuantity(1000).nthItem(100).discount(amountOff("999999999.99"))
                        .basket()),
                arguments("basket in yen", offer().currency("JPY").maxDiscount("5000").minSubtotal("1000")
                        .discount(amountOff("500")).basket()),
                arguments("personal with every condition", offer().label(Map.of("en", "Happy birthday"))
                        .conditions(new Offer.Conditions(List.of("prospect", "customer", "lapsed"),
                                List.of("gold"), List.of("diapers"), 3660, true))
                        .match(category("baby")).minSubtotal("30.00").discount(percentOff("15")).personal()),
                arguments("personal with one condition", offer().conditions(lastPurchaseOlderThanDays(1))
                        .discount(amountOff("5.00")).personal()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validOffers")
    void aValidOfferOfEachKindPassesAndCompiles(String name, Offer offer) {
        assertThat(OfferValidator.validate(offer)).isEmpty();
        assertThat(Catalog.of(List.of(offer)).offers()).hasSize(1);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                // Common to every kind.
                arguments(offer().label(Map.of("fr", "Offre")).discount(percentOff("10")).basket(), "label.en",
                        "NotNull"),
                arguments(offer().label(Map.of("en", "Offer", "de", "Angebot")).discount(percentOff("10")).basket(),
                        "label.de", "Language"),
                arguments(offer().label(Map.of("en", "Offer", "fr", " ")).discount(percentOff("10")).basket(),
                        "label.fr", "Text"),
                arguments(offer().label(Map.of("en", "x".repeat(101))).discount(percentOff("10")).basket(),
                        "label.en", "Text"),
                arguments(offer().label(Map.of("en", "Two\nlines")).discount(percentOff("10")).basket(),
                        "label.en", "Text"),
                arguments(offer().currency("EURO").discount(percentOff("10")).basket(), "currency", "Currency"),
                arguments(offer().validFrom(FROM).validUntil(FROM).discount(percentOff("10")).basket(),
                        "validUntil", "Range"),
                arguments(offer().channels("store", "fax").discount(percentOff("10")).basket(), "channels[1]",
                        "Channel"),
                arguments(offer().channels("web", "store", "web").discount(percentOff("10")).basket(),
                        "channels[2]", "Duplicate"),
                arguments(offer().priority(1001).discount(percentOff("10")).basket(), "priority", "Range"),
                arguments(offer().priority(-1001).discount(percentOff("10")).basket(), "priority", "Range"),
                arguments(offer().maxDiscount("0").discount(percentOff("10")).basket(), "maxDiscount", "Amount"),
                arguments(offer().maxDiscount("-1.00").discount(percentOff("10")).basket(), "maxDiscount",
                        "Amount"),
                arguments(offer().maxDiscount("1.005").discount(percentOff("10")).basket(), "maxDiscount",
                        "Amount"),
                arguments(offer().maxDiscount("1000000000.01").discount(percentOff("10")).basket(), "maxDiscount",
                        "Amount"),
                arguments(offer().currency("JPY").maxDiscount("100.5").discount(percentOff("10")).basket(),
                        "maxDiscount", "Amount"),
                // Nth purchase.
                arguments(offer().nthPurchase(null, 5, given("100")), "match", "NotNull"),
                arguments(offer().nthPurchase(new Offer.Match("D", "Pampers", null), 5, given("100")), "match",
                        "OneOf"),
                arguments(offer().nthPurchase(new Offer.Match(null, null, null), 5, given("100")), "match",
                        "OneOf"),
                arguments(offer().nthPurchase(sku(" "), 5, given("100")), "match.sku", "Text"),
                arguments(offer().nthPurchase(category("x".repeat(201)), 5, given("100")), "match.category",
                        "Text"),
                arguments(offer().nthPurchase(sku("D"), null, given("100")), "every", "NotNull"),
                arguments(offer().nthPurchase(sku("D"), 1, given("100")), "every", "Range"),
                arguments(offer().nthPurchase(sku("D"), 1001, given("100")), "every", "Range"),
                arguments(offer().nthPurchase(sku("D"), 5, null), "reward", "NotNull"),
                arguments(offer().nthPurchase(sku("D"), 5, new Offer.Reward(null, false, null)),
                        "reward.percentOff", "NotNull"),
                arguments(offer().nthPurchase(sku("D"), 5, given("0")), "reward.percentOff", "Percent"),
                arguments(offer().nthPurchase(sku("D"), 5, given("100.01")), "reward.percentOff", "Percent"),
                arguments(offer().nthPurchase(sku("D"), 5, given("12.345")), "reward.percentOff", "Percent"),
                arguments(offer().nthPurchase(sku("D"), 5, new Offer.Reward(new BigDecimal("100"), true,
                        null)), "reward.pointsPerUnitOfCurrency", "NotNull"),
                arguments(offer().nthPurchase(sku("D"), 5, paidWithPoints("100", "0")),
                        "reward.pointsPerUnitOfCurrency", "Range"),
                arguments(offer().nthPurchase(sku("D"), 5, paidWithPoints("100", "0.00001")),
                        "reward.pointsPerUnitOfCurrency", "Range"),
                arguments(offer().nthPurchase(sku("D"), 5, paidWithPoints("100", "100000.5")),
                        "reward.pointsPerUnitOfCurrency", "Range"),
                arguments(offer().nthPurchase(sku("D"), 5, new Offer.Reward(new BigDecimal("100"), false,
                        BigDecimal.TEN)), "reward.pointsPerUnitOfCurrency", "Unused"),
                // Member price.
                arguments(offer().tiers("gold", "Gold").memberPrice(), "tiers[1]", "Tier"),
                arguments(offer().tiers("x".repeat(41)).memberPrice(), "tiers[0]", "Tier"),
                // Basket.
                arguments(offer().match(brand("")).discount(percentOff("10")).basket(), "match.brand", "Text"),
                arguments(offer().minSubtotal("-0.01").discount(percentOff("10")).basket(), "minSubtotal",
                        "Amount"),
                arguments(offer().minQuantity(0).discount(percentOff("10")).basket(), "minQuantity", "Range"),
                arguments(offer().minQuantity(1001).discount(percentOff("10")).basket(), "minQuantity", "Range"),
                arguments(offer().nthItem(1).discount(percentOff("10")).basket(), "nthItem", "Range"),
                arguments(offer().nthItem(101).discount(percentOff("10")).basket(), "nthItem", "Range"),
                arguments(offer().basket(), "discount", "NotNull"),
                arguments(offer().discount(new Offer.Discount(BigDecimal.TEN, BigDecimal.ONE))
                        .basket(), "discount", "OneOf"),
                arguments(offer().discount(new Offer.Discount(null, null)).basket(), "discount", "OneOf"),
                arguments(offer().discount(percentOff("150")).basket(), "discount.percentOff", "Percent"),
                arguments(offer().discount(amountOff("0")).basket(), "discount.amountOff", "Amount"),
                arguments(offer().currency("JPY").discount(amountOff("0.5")).basket(), "discount.amountOff",
                        "Amount"),
                // Personal.
                arguments(offer().discount(percentOff("10")).personal(), "conditions", "NotNull"),
                arguments(offer().conditions(new Offer.Conditions(null, null, null, null, null))
                        .discount(percentOff("10")).personal(), "conditions", "Empty"),
                arguments(offer().conditions(lifecycles(List.of())).discount(percentOff("10")).personal(),
                        "conditions.lifecycles", "Size"),
                arguments(offer().conditions(lifecycles(Collections.nCopies(51, "customer")))
                        .discount(percentOff("10")).personal(), "conditions.lifecycles", "Size"),
                arguments(offer().conditions(lifecycles(List.of("customer", "vip"))).discount(percentOff("10"))
                        .personal(), "conditions.lifecycles[1]", "Lifecycle"),
                arguments(offer().conditions(new Offer.Conditions(null, List.of("Gold!"), null, null, null))
                        .discount(percentOff("10")).personal(), "conditions.tiers[0]", "Tier"),
                arguments(offer().conditions(categoriesBought(Arrays.asList("baby", null)))
                        .discount(percentOff("10")).personal(), "conditions.categoriesBought[1]", "NotNull"),
                arguments(offer().conditions(categoriesBought(List.of("\t"))).discount(percentOff("10"))
                        .personal(), "conditions.categoriesBought[0]", "Text"),
                arguments(offer().conditions(lastPurchaseOlderThanDays(0)).discount(percentOff("10")).personal(),
                        "conditions.lastPurchaseOlderThanDays", "Range"),
                arguments(offer().conditions(lastPurchaseOlderThanDays(3661)).discount(percentOff("10"))
                        .personal(), "conditions.lastPurchaseOlderThanDays", "Range"),
                arguments(offer().conditions(new Offer.Conditions(null, null, null, null, false))
                        .discount(percentOff("10")).personal(), "conditions.birthdayMonth", "True"),
                arguments(offer().conditions(lastPurchaseOlderThanDays(30)).match(sku("x".repeat(201)))
                        .discount(percentOff("10")).personal(), "match.sku", "Text"),
                arguments(offer().conditions(lastPurchaseOlderThanDays(30)).minSubtotal("10.001")
                        .discount(percentOff("10")).personal(), "minSubtotal", "Amount"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("faults")
    void eachFaultIsReportedAtItsFieldAndAlone(Offer offer, String field, String code) {
        assertThat(OfferValidator.validate(offer))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple(field, code));
    }

    @Test
    void everyFaultIsReportedAtOnce() {
        Offer offer = offer().label(Map.of()).currency("EURO").priority(2000)
                .nthPurchase(sku("D"), 1, paidWithPoints("0", "10"));

        assertThat(OfferValidator.validate(offer))
                .extracting(FieldError::field, FieldError::code)
                .containsExactlyInAnyOrder(
                        tuple("label.en", "NotNull"),
                        tuple("currency", "Currency"),
                        tuple("priority", "Range"),
                        tuple("every", "Range"),
                        tuple("reward.percentOff", "Percent"));
    }

    @Test
    void faultsCarryTheirMessageKeyAndTheLimitsToShow() {
        List<FieldError> errors = OfferValidator.validate(offer().nthPurchase(sku("D"), 1, given("100")));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.messageKey()).isEqualTo("problem.checkout.range");
            assertThat(error.args()).containsExactly(2, 1000);
        });
    }
}
