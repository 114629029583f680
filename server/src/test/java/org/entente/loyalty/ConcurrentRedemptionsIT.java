package org.entente.loyalty;

import org.junit.jupiter.api.RepeatedTest;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Principle 3 for points: tills redeeming for one person at the same time, while the person's purchases and returns
 * come in, never spend more than there is; every loser hears 409 {@code insufficient_points}; the ledger adds up.
 */
class ConcurrentRedemptionsIT extends LoyaltyFixtures {

    private static final int TILLS = 12;
    private static final int ATTEMPTS = 6;

    @RepeatedTest(2)
    void concurrentRedemptionsNeverOverdraw() throws Exception {
        String customer = unique("TILLS-");
        send(purchase(customer, customer + "-0", "100.00"));
        UUID person = UUID.fromString(personOf(customer));
        loyalty.adjust(person, 900, "test float", customer + "-float");
        String path = "/api/v1/profiles/" + person + "/loyalty/redemptions";
        String till = createKey("till", "checkout");
        AtomicLong redeemed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(TILLS + 1)) {
            for (int t = 0; t < TILLS; t++) {
                int tillNumber = t;
                work.add(pool.submit(() -> {
                    Random random = new Random(tillNumber);
                    start.await();
                    for (int a = 0; a < ATTEMPTS; a++) {
                        int points = 20 + random.nextInt(60);
                        HttpResponse<String> response = postJson(path, till, "{\"points\": " + points
                                + ", \"orderId\": \"" + customer + "-till" + tillNumber + "-" + a + "\"}");
                        if (response.statusCode() == 201) {
                            redeemed.addAndGet(points);
                        } else {
                            assertProblem(response, 409, "insufficient_points");
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            // Meanwhile the person keeps shopping and returning.
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 1; i <= 5; i++) {
                    send(purchase(customer, customer + "-" + i, "10.00"));
                    send(returned(customer, customer + "-" + i, "5.00"));
                }
                return null;
            }));
            start.countDown();
            for (Future<?> f : work) {
                f.get();
            }
        }
        assertThat(refused.get()).isPositive();
        JsonNode points = status(customer).path("points");
        long balance = points.path("balance").asLong();
        long debt = points.path("debt").asLong();
        assertThat(balance).isGreaterThanOrEqualTo(0);
        // 1000 points, plus 5 x 10 earned, less 5 x 5 taken back: 1025. A return that came after its points were
        // spent could not take them back from the balance: it left a debt instead, never a negative balance.
        assertThat(redeemed.get()).isLessThanOrEqualTo(1025 + debt);
        assertThat(balance - debt).isEqualTo(1025 - redeemed.get());
        List<JsonNode> ledger = ledger(customer);
        long sum = ledger.stream().mapToLong(e -> e.path("points").asLong()).sum();
        assertThat(sum).isEqualTo(balance);
        long lots = status(customer).path("lots").valueStream().mapToLong(l -> l.path("remaining").asLong()).sum();
        assertThat(lots).isEqualTo(balance);
        assertThat(ledger.stream().filter(e -> e.path("kind").asString().equals("redeem")).count())
                .isEqualTo((long) TILLS * ATTEMPTS - refused.get());
    }
}
