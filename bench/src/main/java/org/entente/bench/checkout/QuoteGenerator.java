package org.entente.bench.checkout;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.entente.bench.http.Json;
import org.entente.bench.workload.Basket;
import org.entente.bench.workload.Draws;
import org.entente.bench.workload.Population;

/**
 * The quotes a run asks for, each drawn from (seed, number) only, so that any client can make quote {@code n} on its
 * own: a basket of 1 to {@link #MAX_LINES} products of the demo catalog at the store till, for a person of the
 * population picked at random among the first {@code persons} (identified by the customer id the import gave them),
 * or, for a share of the quotes, for a customer the server has never seen. A share of the quotes for known persons
 * asks to redeem {@link #REDEEMED_POINTS} points, and a share of all the quotes is to be confirmed. Whether a quote
 * is confirmed is drawn apart from what it asks for, so that runs with the same seed and different shares ask for the
 * same quotes, and a larger share confirms the quotes a smaller one confirms and more. Immutable and thread-safe.
 */
final class QuoteGenerator {

    /** The most products in a basket at the till. */
    static final int MAX_LINES = 4;
    /** The points a redeeming quote asks for: a few, so that most persons with a purchase history have them. */
    static final int REDEEMED_POINTS = 10;
    static final String CHANNEL = "store";
    static final String STORE = "bench-01";

    private static final long QUOTE_DRAWS = 0x5A4C1D2E83B7F613L;
    private static final long CONFIRM_DRAWS = 0x2F91C6B04DE3A857L;

    private final Population population;
    private final long seed;
    private final long persons;
    private final double unknownShare;
    private final double redeemShare;
    private final double confirmShare;
    private final String invocation;

    /**
     * @param persons      how many persons of the population have a purchase history on the server, at least 1
     * @param unknownShare the share of quotes for unknown customers, 0 to 1
     * @param redeemShare  the share of quotes for known persons that redeem points, 0 to 1
     * @param confirmShare the share of quotes to confirm, 0 to 1
     * @param invocation   a tag unique to this invocation of the scenario (letters and digits), so that the orders
     *                     and the unknown customers of a run measured again on the same population are new
     */
    QuoteGenerator(Population population, long seed, long persons, double unknownShare, double redeemShare,
                   double confirmShare, String invocation) {
        this.population = Objects.requireNonNull(population, "population");
        this.seed = seed;
        this.persons = persons;
        this.unknownShare = unknownShare;
        this.redeemShare = redeemShare;
        this.confirmShare = confirmShare;
        this.invocation = Objects.requireNonNull(invocation, "invocation");
        if (persons < 1) {
            throw new IllegalArgumentException("persons must be at least 1: " + persons);
        }
        if (!isShare(unknownShare) || !isShare(redeemShare) || !isShare(confirmShare)) {
            throw new IllegalArgumentException("shares must be 0 to 1: " + unknownShare + ", " + redeemShare + ", "
                    + confirmShare);
        }
    }

    /** Quote number {@code number}: the same number gives the same quote. */
    PlannedQuote quote(long number) {
        var random = Draws.at(seed, QUOTE_DRAWS, number);
        boolean known = random.nextDouble() >= unknownShare;
        String customerId = known
                ? population.customerId(random.nextLong(persons))
                : population.run() + "-U" + invocation + "-" + number;
        boolean redeeming = known && random.nextDouble() < redeemShare;
        var basket = Basket.draw(population.catalog(), random, MAX_LINES);
        boolean confirming = Draws.at(seed, CONFIRM_DRAWS, number).nextDouble() < confirmShare;
        return plan(customerId, known, redeeming, confirming, basket, Long.toString(number));
    }

    /**
     * A quote without redemption for the known person at {@code index}, to be confirmed with an order marked
     * {@code probe}: what the scenario sends once before the load, to check that the server recognises the
     * population.
     */
    PlannedQuote probe(long index) {
        var random = Draws.at(seed, QUOTE_DRAWS, -1 - index);
        var basket = Basket.draw(population.catalog(), random, MAX_LINES);
        return plan(population.customerId(index), true, false, true, basket, "probe" + index);
    }

    private static boolean isShare(double share) {
        return share >= 0 && share <= 1;
    }

    private PlannedQuote plan(String customerId, boolean known, boolean redeeming, boolean confirming, Basket basket,
                              String suffix) {
        var items = basket.lines().stream().map(line -> new Item(line.product().sku(), line.product().name(),
                line.product().brand(), line.category(), line.quantity(), line.product().unitPrice())).toList();
        var request = new QuoteRequest(Map.of("customerId", customerId), CHANNEL, STORE, basket.currency(), items,
                redeeming ? REDEEMED_POINTS : 0);
        String orderId = population.run() + "-Q" + invocation + "-" + suffix;
        return new PlannedQuote(customerId, known, redeeming, confirming, orderId,
                Json.MAPPER.writeValueAsBytes(request));
    }

    /**
     * One quote to ask for, and what becomes of it.
     *
     * @param customerId who it is for
     * @param known      whether that person has a purchase history on the server, so must be recognised
     * @param redeeming  whether it asks to redeem points
     * @param confirming whether it is confirmed; if not, it is abandoned, or cancelled if it holds points
     * @param orderId    the order id of its confirmation, unique to the quote
     * @param body       the request body of {@code POST /api/v1/checkout/quotes}
     */
    record PlannedQuote(String customerId, boolean known, boolean redeeming, boolean confirming, String orderId,
                        byte[] body) {
    }

    /** The body of {@code POST /api/v1/checkout/quotes}. */
    record QuoteRequest(Map<String, String> identifiers, String channel, String store, String currency,
                        List<Item> items, int redeemPoints) {
    }

    /** A line of the basket, described as the till knows it. */
    record Item(String sku, String name, String brand, String category, int quantity, BigDecimal unitPrice) {
    }
}
