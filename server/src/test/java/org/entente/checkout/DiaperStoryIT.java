package org.entente.checkout;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance story of the checkout: every fifth pack of a brand, free and paid with points, at once in the
 * store basket; its return reverses it; a replayed confirm changes nothing; two tills never spend the same points.
 */
class DiaperStoryIT extends CheckoutFixtures {

    private static final String EVERY_FIFTH_PACK = """
            {"kind": "nth_purchase", "label": {"en": "Every fifth pack free", "fr": "Le cinquième paquet offert"},
             "match": {"brand": "Dodot"}, "every": 5,
             "reward": {"percentOff": 100, "paidWithPoints": true, "pointsPerUnitOfCurrency": 10},
             "validFrom": "2020-01-01T00:00:00Z", "validUntil": "2099-01-01T00:00:00Z", "channels": ["store", "web"],
             "priority": 10, "stackable": true}""";

    @Test
    void theFifthPackIsFreePaidWithPointsAndItsReturnReversesIt() {
        String offerId = addOffer(EVERY_FIFTH_PACK).path("id").asString();
        String customer = unique("mum");
        // Four packs, across the store and the web, then some points to pay with.
        for (int i = 1; i <= 4; i++) {
            send(purchase(customer, i % 2 == 0 ? "web" : "store", customer + "-o" + i,
                    item("DIAP-4", "Dodot", "diapers", 1, "12.90")));
        }
        give(customer, 200);
        long balance = points(customer).path("balance").asLong();
        assertThat(balance).isEqualTo(4 * 12 + 200);

        JsonNode quote = quoted(basket(customer, "store", item("DIAP-4", "Dodot", "diapers", 1, "12.90"),
                item("WIPES", "Softy", "care", 1, "3.50")));
        assertThat(quote.path("recognised").asBoolean()).isTrue();
        JsonNode reward = offer(quote, "nth_purchase").orElseThrow();
        assertThat(reward.path("offerId").asString()).isEqualTo(offerId);
        assertThat(reward.path("discount").decimalValue()).isEqualByComparingTo("12.90");
        assertThat(reward.path("points").asLong()).isEqualTo(129);
        assertThat(reward.path("appliesTo").get(0).asString()).isEqualTo("DIAP-4");
        assertThat(reward.path("reason").asString()).contains("Every 5 units of brand Dodot").contains("129 points");
        assertThat(quote.path("total").decimalValue()).isEqualByComparingTo("3.50");
        assertThat(quote.path("points").path("redeemed").asLong()).isEqualTo(129);
        // Held at once: another till sees fewer points.
        assertThat(points(customer).path("available").asLong()).isEqualTo(balance - 129);

        HttpResponse<String> confirmed = confirm(quote, customer + "-o5");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(201);
        assertThat(json(confirmed).path("pointsRedeemed").asLong()).isEqualTo(129);
        // 3.50 paid in money earns 3 points.
        long afterConfirm = points(customer).path("balance").asLong();
        assertThat(afterConfirm).isEqualTo(balance - 129 + 3);

        // Replaying the confirm changes nothing.
        HttpResponse<String> replay = confirm(quote, customer + "-o5");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(json(replay).path("replayed").asBoolean()).isTrue();
        assertThat(points(customer).path("balance").asLong()).isEqualTo(afterConfirm);
        JsonNode profile = json(get("/api/v1/profiles/" + personOf(customer), BOOTSTRAP_KEY));
        assertThat(profile.path("statistics").path("purchases").get(0).path("orders").asLong()).isEqualTo(5);

        // The sixth pack is not rewarded.
        JsonNode sixth = quoted(basket(customer, "store", item("DIAP-4", "Dodot", "diapers", 1, "12.90")));
        assertThat(offer(sixth, "nth_purchase")).isEmpty();
        assertThat(postJson("/api/v1/checkout/quotes/" + sixth.path("quoteId").asString() + "/cancel",
                BOOTSTRAP_KEY, "{}").statusCode()).isEqualTo(200);

        // The rewarded pack comes back: no money is refunded (it was paid with points), its points are given back,
        // and the next pack is the fifth again.
        send(returned(customer, customer + "-o5", customer + "-r1", "0.00", item("DIAP-4", "Dodot", "diapers", 1, "12.90")));
        assertThat(points(customer).path("balance").asLong()).isEqualTo(afterConfirm + 129);
        // The same return through another path changes nothing.
        send(returned(customer, customer + "-o5", customer + "-r1", "0.00", item("DIAP-4", "Dodot", "diapers", 1, "12.90")));
        assertThat(points(customer).path("balance").asLong()).isEqualTo(afterConfirm + 129);
        JsonNode again = quoted(basket(customer, "web", item("DIAP-4", "Dodot", "diapers", 1, "12.90")));
        assertThat(offer(again, "nth_purchase")).isPresent();
    }

    @Test
    void theSameFifthPackIsNeverRewardedTwice() {
        addOffer(EVERY_FIFTH_PACK.replace("\"paidWithPoints\": true, \"pointsPerUnitOfCurrency\": 10",
                "\"paidWithPoints\": false"));
        String customer = unique("twice");
        send(purchase(customer, "web", customer + "-o1", item("DIAP-4", "Dodot", "diapers", 4, "12.90")));
        // The web basket and a till quote the fifth pack at the same time: both show it free.
        JsonNode web = quoted(basket(customer, "web", item("DIAP-4", "Dodot", "diapers", 1, "12.90")));
        JsonNode till = quoted(basket(customer, "store", item("DIAP-4", "Dodot", "diapers", 1, "12.90")));
        assertThat(offer(web, "nth_purchase")).isPresent();
        assertThat(offer(till, "nth_purchase")).isPresent();
        assertThat(confirm(web, customer + "-web").statusCode()).isEqualTo(201);
        assertProblem(confirm(till, customer + "-till"), 409, "quote_stale");
        // Quoted again, the pack is the sixth: paid in full.
        JsonNode again = quoted(basket(customer, "store", item("DIAP-4", "Dodot", "diapers", 1, "12.90")));
        assertThat(offer(again, "nth_purchase")).isEmpty();
        assertThat(confirm(again, customer + "-till").statusCode()).isEqualTo(201);
    }

    @Test
    void aReturnListingTheRewardedSkuOnSeveralLinesGivesAllItsPointsBack() {
        addOffer(EVERY_FIFTH_PACK.replace("\"every\": 5", "\"every\": 2"));
        String customer = unique("lines");
        send(purchase(customer, "store", customer + "-o1", item("TV", "Acme", "tv", 1, "400.00")));
        JsonNode quote = quoted(basket(customer, "store", item("DIAP-4", "Dodot", "diapers", 4, "12.90")));
        assertThat(offer(quote, "nth_purchase").orElseThrow().path("points").asLong()).isEqualTo(2 * 129);
        assertThat(confirm(quote, customer + "-o2").statusCode()).isEqualTo(201);
        long before = points(customer).path("balance").asLong();
        send(returned(customer, customer + "-o2", customer + "-r1", "0.00",
                item("DIAP-4", "Dodot", "diapers", 1, "12.90"), item("DIAP-4", "Dodot", "diapers", 1, "12.90")));
        assertThat(points(customer).path("balance").asLong()).isEqualTo(before + 2 * 129);
    }

    @Test
    void twoTillsNeverSpendTheSamePoints() throws Exception {
        String customer = unique("twotills");
        send(purchase(customer, "store", customer + "-o1", item("TV", "Acme", "tv", 1, "150.00")));
        assertThat(points(customer).path("balance").asLong()).isEqualTo(150);
        // 100 points are worth 1 EUR: each till asks for 100.
        JsonNode first = quoted(basket(customer, "store", item("SOCKS", "Acme", "wear", 1, "9.90"))
                .put("redeemPoints", 100));
        JsonNode second = quoted(basket(customer, "store", item("SOCKS", "Acme", "wear", 1, "9.90"))
                .put("redeemPoints", 100));
        assertThat(first.path("points").path("redeemed").asLong()).isEqualTo(100);
        assertThat(first.path("total").decimalValue()).isEqualByComparingTo("8.90");
        assertThat(second.path("points").path("redeemable").asLong()).isEqualTo(50);
        assertThat(second.path("points").path("redeemed").asLong()).isEqualTo(50);

        // Many tills at once, each asking for all the points (for baskets too small to earn any): none is left.
        int tills = 8;
        ExecutorService pool = Executors.newFixedThreadPool(tills);
        try {
            List<Callable<HttpResponse<String>>> work = new ArrayList<>();
            for (int i = 0; i < tills; i++) {
                int till = i;
                work.add(() -> {
                    HttpResponse<String> q = quote(basket(customer, "store", item("PIN", "Acme", "wear", 1,
                            "0.90")).put("redeemPoints", 150), "en");
                    assertThat(q.statusCode()).as(q.body()).isEqualTo(201);
                    return confirm(json(q), customer + "-till-" + till);
                });
            }
            long spent = 0;
            for (Future<HttpResponse<String>> done : pool.invokeAll(work)) {
                HttpResponse<String> response = done.get();
                assertThat(response.statusCode()).as(response.body()).isIn(201, 409);
                if (response.statusCode() == 201) {
                    spent += json(response).path("pointsRedeemed").asLong();
                }
            }
            assertThat(spent).isZero();
        } finally {
            pool.shutdownNow();
        }
        assertThat(confirm(first, customer + "-a").statusCode()).isEqualTo(201);
        assertThat(confirm(second, customer + "-b").statusCode()).isEqualTo(201);
        JsonNode points = points(customer);
        assertThat(points.path("balance").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(points.path("available").asLong()).isGreaterThanOrEqualTo(0);
    }
}
