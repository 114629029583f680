package org.entente.bench.ingest;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.entente.bench.http.ApiClient;
import org.entente.bench.http.Json;
import org.entente.bench.workload.Population;
import tools.jackson.databind.JsonNode;

/**
 * Reads the profiles of a sample of persons through {@code GET /api/v1/profiles?identifier=type:value} and
 * compares their statistics with the plan: every event of the person, anonymous ones linked by a sign-in included,
 * and every purchase. Identified persons are looked up by customer id, the others by anonymous id.
 *
 * <p>Statistics may be computed off the hot path, so a profile that does not match yet is read again every
 * {@code interval} until it does or {@code settle} has passed.
 */
final class ProfileCheck {

    static final String PROFILES_PATH = "/api/v1/profiles";

    private final ApiClient api;
    private final EventPlan plan;
    private final Population population;

    ProfileCheck(ApiClient api, EventPlan plan, Population population) {
        this.api = Objects.requireNonNull(api, "api");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.population = Objects.requireNonNull(population, "population");
    }

    /**
     * What the check found.
     *
     * @param checked    persons checked
     * @param matched    of those, the ones whose profile matched in the end
     * @param mismatches how each of the others differed, as last read
     */
    record Outcome(int checked, int matched, List<String> mismatches) {

        Outcome {
            mismatches = List.copyOf(mismatches);
        }
    }

    Outcome check(List<Integer> persons, Duration settle, Duration interval) throws InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        var pending = new LinkedHashMap<Integer, String>();
        persons.forEach(person -> pending.put(person, "not read"));
        while (true) {
            var iterator = pending.entrySet().iterator();
            while (iterator.hasNext()) {
                var entry = iterator.next();
                var difference = difference(entry.getKey());
                if (difference.isPresent()) {
                    entry.setValue(difference.get());
                } else {
                    iterator.remove();
                }
            }
            if (pending.isEmpty() || System.nanoTime() >= deadline) {
                break;
            }
            Thread.sleep(interval.toMillis());
        }
        return new Outcome(persons.size(), persons.size() - pending.size(), new ArrayList<>(pending.values()));
    }

    /** How the person's profile differs from the plan; empty if it matches. */
    private Optional<String> difference(int person) throws InterruptedException {
        String identifier = plan.identified(person)
                ? "customerId:" + population.customerId(person)
                : "anonymousId:" + population.anonymousId(person);
        long expectedEvents = plan.eventCount(person);
        long expectedOrders = plan.purchaseCount(person);
        var request = api.authorizedGet(PROFILES_PATH + "?identifier="
                + URLEncoder.encode(identifier, StandardCharsets.UTF_8));
        try {
            var response = api.fetch(request);
            if (response.statusCode() != 200) {
                return Optional.of(String.format(Locale.ROOT, "%s: expected %d events and %d orders, got HTTP %d",
                        identifier, expectedEvents, expectedOrders, response.statusCode()));
            }
            var statistics = Json.MAPPER.readTree(response.body()).path("statistics");
            long events = statistics.path("events").asLong();
            long orders = 0;
            for (JsonNode purchases : statistics.path("purchases")) {
                orders += purchases.path("orders").asLong();
            }
            if (events == expectedEvents && orders == expectedOrders) {
                return Optional.empty();
            }
            return Optional.of(String.format(Locale.ROOT,
                    "%s: expected %d events and %d orders, found %d events and %d orders", identifier,
                    expectedEvents, expectedOrders, events, orders));
        } catch (IOException e) {
            return Optional.of(identifier + ": no answer: " + e);
        }
    }
}
