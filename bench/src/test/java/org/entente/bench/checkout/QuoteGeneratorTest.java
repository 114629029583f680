package org.entente.bench.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.stream.LongStream;
import org.entente.bench.http.Json;
import org.entente.bench.workload.Population;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QuoteGeneratorTest {

    private static final int QUOTES = 10_000;

    private final Population population = new Population(3, "q1");
    private final QuoteGenerator generator = new QuoteGenerator(population, 3, 1_000, 0.05, 0.1, 1, "inv1");

    @Test
    void theSameNumberGivesTheSameQuote() {
        assertThat(generator.quote(42).body()).isEqualTo(generator.quote(42).body());
        assertThat(generator.quote(42).body()).isNotEqualTo(generator.quote(43).body());
    }

    @Test
    void quotesAreForKnownPersonsOrNewCustomersWithBasketsOfTheCatalog() {
        var skus = new HashSet<String>();
        population.catalog().forEach(product -> skus.add(product.sku()));
        var orders = new HashSet<String>();
        long unknown = 0;
        long redeeming = 0;
        for (long number = 0; number < QUOTES; number++) {
            var quote = generator.quote(number);
            JsonNode body = Json.MAPPER.readTree(quote.body());
            String customerId = body.path("identifiers").path("customerId").asString();
            assertThat(customerId).isEqualTo(quote.customerId());
            if (quote.known()) {
                assertThat(customerId).matches("q1-C\\d{7}");
                assertThat(Long.parseLong(customerId.substring(4))).isBetween(0L, 999L);
            } else {
                unknown++;
                assertThat(customerId).isEqualTo("q1-Uinv1-" + number);
                assertThat(quote.redeeming()).isFalse();
            }
            if (quote.redeeming()) {
                redeeming++;
                assertThat(body.path("redeemPoints").asInt()).isEqualTo(QuoteGenerator.REDEEMED_POINTS);
            } else {
                assertThat(body.path("redeemPoints").asInt()).isZero();
            }
            assertThat(body.path("channel").asString()).isEqualTo("store");
            assertThat(body.path("currency").asString()).isEqualTo("EUR");
            assertThat(body.path("items").size()).isBetween(1, QuoteGenerator.MAX_LINES);
            for (JsonNode item : body.path("items")) {
                assertThat(skus).contains(item.path("sku").asString());
                assertThat(item.path("unitPrice").isNumber()).isTrue();
            }
            assertThat(orders.add(quote.orderId())).isTrue();
        }
        assertThat(unknown / (double) QUOTES).isBetween(0.04, 0.06);
        assertThat(redeeming / (double) (QUOTES - unknown)).isBetween(0.08, 0.12);
    }

    @Test
    void aShareOfTheQuotesIsConfirmedAndTheShareDoesNotChangeWhatTheyAskFor() {
        var third = new QuoteGenerator(population, 3, 1_000, 0.05, 0.1, 0.3, "inv1");
        var half = new QuoteGenerator(population, 3, 1_000, 0.05, 0.1, 0.5, "inv1");
        var none = new QuoteGenerator(population, 3, 1_000, 0.05, 0.1, 0, "inv1");
        long confirmed = 0;
        for (long number = 0; number < QUOTES; number++) {
            var quote = third.quote(number);
            assertThat(quote.body()).isEqualTo(generator.quote(number).body());
            assertThat(quote.orderId()).isEqualTo(generator.quote(number).orderId());
            assertThat(generator.quote(number).confirming()).isTrue();
            assertThat(none.quote(number).confirming()).isFalse();
            if (quote.confirming()) {
                confirmed++;
                assertThat(half.quote(number).confirming()).isTrue();
            }
        }
        assertThat(confirmed / (double) QUOTES).isBetween(0.28, 0.32);
    }

    @Test
    void theSameSeedConfirmsTheSameQuotes() {
        var once = new QuoteGenerator(population, 3, 1_000, 0.05, 0.1, 0.5, "inv1");
        var again = new QuoteGenerator(population, 3, 1_000, 0.05, 0.1, 0.5, "inv2");
        var otherSeed = new QuoteGenerator(population, 4, 1_000, 0.05, 0.1, 0.5, "inv1");
        long differences = 0;
        for (long number = 0; number < 1_000; number++) {
            assertThat(again.quote(number).confirming()).isEqualTo(once.quote(number).confirming());
            differences += otherSeed.quote(number).confirming() == once.quote(number).confirming() ? 0 : 1;
        }
        assertThat(differences).isBetween(400L, 600L);
    }

    @Test
    void anotherInvocationOrdersAnewAndMeetsOtherUnknownCustomers() {
        var again = new QuoteGenerator(population, 3, 1_000, 0.05, 0.1, 1, "inv2");
        LongStream.range(0, 100).forEach(number -> {
            assertThat(again.quote(number).orderId()).isNotEqualTo(generator.quote(number).orderId());
            assertThat(again.quote(number).known()).isEqualTo(generator.quote(number).known());
        });
    }

    @Test
    void theProbeIsForTheKnownPersonAskedAndRedeemsNothing() {
        var probe = generator.probe(999);

        assertThat(probe.known()).isTrue();
        assertThat(probe.redeeming()).isFalse();
        assertThat(new QuoteGenerator(population, 3, 1_000, 0.05, 0.1, 0, "inv1").probe(999).confirming()).isTrue();
        assertThat(probe.customerId()).isEqualTo(population.customerId(999));
        assertThat(probe.orderId()).isEqualTo("q1-Qinv1-probe999");
    }

    @Test
    void theOfferIsOnTheBrandWithTheMostProducts() {
        String brand = NthPurchaseOffer.brandOf(population.catalog());
        long products = population.catalog().stream().filter(product -> product.brand().equals(brand)).count();

        assertThat(population.catalog()).allSatisfy(product -> assertThat(population.catalog().stream()
                .filter(other -> other.brand().equals(product.brand())).count()).isLessThanOrEqualTo(products));
    }
}
