package org.entente.bench.checkout;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.entente.bench.ScenarioAbortedException;
import org.entente.bench.http.ApiClient;
import org.entente.bench.http.Json;
import org.entente.demo.Product;
import tools.jackson.core.JacksonException;

/**
 * The contextual offer a run puts in force while it measures, so that quotes evaluate one as they would in a shop:
 * "every 5th product of a brand free, paid with points", created through {@code POST /api/v1/offers} and deleted
 * through {@code DELETE /api/v1/offers/{id}} at the end. Both need the {@code admin} scope. Used by one thread.
 */
final class NthPurchaseOffer {

    static final String OFFERS_PATH = "/api/v1/offers";
    /** Every how many purchases of the brand one is free. */
    static final int EVERY = 5;

    // Valid from a day before the run so that clock skew cannot hide it, long enough for the slowest run.
    private static final Duration VALID_BEFORE = Duration.ofDays(1);
    private static final Duration VALID_AFTER = Duration.ofDays(7);

    private final ApiClient api;
    private final String id;
    private final String brand;

    private NthPurchaseOffer(ApiClient api, String id, String brand) {
        this.api = api;
        this.id = id;
        this.brand = brand;
    }

    /**
     * The brand the offer is on: the one with the most products in the catalog (the first by name among equals),
     * so that the most baskets hold one of its products.
     */
    static String brandOf(List<Product> catalog) {
        return catalog.stream().collect(Collectors.groupingBy(Product::brand, Collectors.counting())).entrySet()
                .stream()
                .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalArgumentException("an empty catalog has no brand"));
    }

    /**
     * Creates the offer on {@code brand}, in the catalog's {@code currency}, valid around {@code now}, its label
     * naming the run.
     *
     * @throws ScenarioAbortedException if the server cannot be reached, refuses the key (a key without the admin
     *                                  scope) or does not answer 201 with the offer's id
     */
    static NthPurchaseOffer create(ApiClient api, String brand, String currency, String run, Instant now)
            throws InterruptedException {
        var start = now.truncatedTo(ChronoUnit.SECONDS);
        var offer = new OfferRequest("nth_purchase",
                Map.of("en", "Every " + EVERY + "th " + brand + " product free (bench run " + run + ")",
                        "fr", "Le " + EVERY + "e produit " + brand + " offert (bench " + run + ")"),
                Map.of("brand", brand), EVERY, new Reward(100, true, 10),
                start.minus(VALID_BEFORE), start.plus(VALID_AFTER), List.of("store", "web"), currency, 10, true);
        var request = api.authorizedPost(OFFERS_PATH, "application/json",
                BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(offer)));
        var answer = send(api, request);
        String target = "POST " + request.uri();
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            throw new ScenarioAbortedException("the API key was rejected: " + target + " answered HTTP "
                    + answer.statusCode() + "; the checkout scenario needs a key with the admin scope besides "
                    + "checkout");
        }
        if (answer.statusCode() != 201) {
            throw new ScenarioAbortedException(target + " answered HTTP " + answer.statusCode()
                    + " instead of 201: " + ApiClient.excerpt(answer.body()));
        }
        String id;
        try {
            id = Json.MAPPER.readTree(answer.body()).path("id").asString("");
        } catch (JacksonException e) {
            id = "";
        }
        if (id.isBlank()) {
            throw new ScenarioAbortedException(target + " answered 201 without the offer's id: "
                    + ApiClient.excerpt(answer.body()));
        }
        return new NthPurchaseOffer(api, id, brand);
    }

    String id() {
        return id;
    }

    String brand() {
        return brand;
    }

    /**
     * Deletes the offer; one already gone counts as deleted.
     *
     * @return why it could not be deleted and how to do it by hand; empty once it is gone
     */
    Optional<String> delete() throws InterruptedException {
        var request = api.authorizedDelete(OFFERS_PATH + "/" + id);
        String reason;
        try {
            var answer = api.fetch(request);
            int status = answer.statusCode();
            if (status >= 200 && status <= 299 || status == 404) {
                return Optional.empty();
            }
            reason = "HTTP " + status + ": " + ApiClient.excerpt(answer.body());
        } catch (IOException e) {
            reason = e.toString();
        }
        return Optional.of("the offer " + id + " on " + brand + " could not be deleted (" + reason
                + "): delete it with DELETE " + OFFERS_PATH + "/" + id);
    }

    private static HttpResponse<byte[]> send(ApiClient api, HttpRequest request) throws InterruptedException {
        try {
            return api.fetch(request);
        } catch (IOException e) {
            throw new ScenarioAbortedException("cannot reach the server: " + request.method() + " " + request.uri()
                    + " failed with " + e, e);
        }
    }

    /** The body of {@code POST /api/v1/offers} for an {@code nth_purchase} offer. */
    record OfferRequest(String kind, Map<String, String> label, Map<String, String> match, int every, Reward reward,
                        Instant validFrom, Instant validUntil, List<String> channels, String currency, int priority,
                        boolean stackable) {
    }

    /** The free unit: wholly off, paid for by the brand with points at this rate. */
    record Reward(int percentOff, boolean paidWithPoints, int pointsPerUnitOfCurrency) {
    }
}
