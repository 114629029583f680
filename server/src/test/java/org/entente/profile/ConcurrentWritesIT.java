package org.entente.profile;

import org.entente.support.ApiIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.support.Events.batch;
import static org.entente.support.Events.event;
import static org.entente.support.Events.purchase;

/** Principle 3: concurrent tills writing about one person never lose an update nor split the person in two. */
class ConcurrentWritesIT extends ApiIT {

    private static final int CLIENTS = 8;
    private static final int BATCHES = 6;
    private static final int EVENTS = 10;

    @Test
    void concurrentBatchesAboutOnePersonLoseNothing() throws Exception {
        String customer = unique("CONC-");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                results.add(clients.submit(() -> {
                    start.await();
                    int accepted = 0;
                    for (int b = 0; b < BATCHES; b++) {
                        List<ObjectNode> events = new ArrayList<>();
                        for (int e = 0; e < EVENTS; e++) {
                            // Each client also brings a device of its own: new identifiers join the same person.
                            events.add(purchase(Map.of("customerId", customer, "deviceId", customer + "-dev-" + client),
                                    unique("O-"), "10.00", "2026-11-02T10:00:00Z"));
                        }
                        HttpResponse<String> response = postJson("/api/v1/events", BOOTSTRAP_KEY, batch(events));
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                        accepted += json(response).path("accepted").asInt();
                    }
                    return accepted;
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Integer> result : results) {
                accepted += result.get();
            }
            assertThat(accepted).isEqualTo(CLIENTS * BATCHES * EVENTS);
        }
        JsonNode profile = json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY));
        assertThat(profile.path("statistics").path("events").asLong()).isEqualTo(CLIENTS * BATCHES * EVENTS);
        JsonNode eur = profile.path("statistics").path("purchases").get(0);
        assertThat(eur.path("orders").asLong()).isEqualTo(CLIENTS * BATCHES * EVENTS);
        assertThat(eur.path("revenue").decimalValue()).isEqualByComparingTo("4800.00");
        assertThat(profile.path("identifiers").findValuesAsString("type")).containsOnlyOnce("customerId");
        assertThat(profile.path("identifiers").findValuesAsString("type").stream().filter("deviceId"::equals))
                .hasSize(CLIENTS);
        // 480 orders make a loyal customer: loyalty gave them a card, once.
        assertThat(profile.path("identifiers").findValuesAsString("type").stream().filter("loyaltyCard"::equals))
                .hasSize(1);
        assertThat(profile.path("merged")).isEmpty();
    }

    @Test
    void anonymousVisitsMergingConcurrentlyEndInOnePerson() throws Exception {
        String email = unique("conc.") + "@example.com";
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                String anonymous = email + "-anon-" + c;
                results.add(clients.submit(() -> {
                    start.await();
                    // A visit alone, then the visitor signs in: each anonymous person is merged into one.
                    assertThat(postJson("/api/v1/events", BOOTSTRAP_KEY,
                            event("page_view", Map.of("anonymousId", anonymous)).toString()).statusCode())
                            .isEqualTo(202);
                    HttpResponse<String> response = postJson("/api/v1/events", BOOTSTRAP_KEY,
                            event("identify", Map.of("anonymousId", anonymous, "email", email)).toString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }
        }
        JsonNode profile = json(get("/api/v1/profiles?identifier=email:" + email, BOOTSTRAP_KEY));
        assertThat(profile.path("statistics").path("events").asLong()).isEqualTo(2L * CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            JsonNode byAnonymous = json(get("/api/v1/profiles?identifier=anonymousId:" + email + "-anon-" + c,
                    BOOTSTRAP_KEY));
            assertThat(byAnonymous.path("id").asString()).isEqualTo(profile.path("id").asString());
        }
    }
}
