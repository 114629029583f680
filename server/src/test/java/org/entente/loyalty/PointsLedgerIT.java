package org.entente.loyalty;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The points ledger with a moving clock: lots, expiry to the lot, returns, debt, replays, bonuses. */
class PointsLedgerIT extends LoyaltyFixtures {

    @Test
    void pointsExpireLotByLotAndTheJobRecordsEachExpiryOnce() {
        clock.stopAt(at("2026-01-15T10:00:00Z"));
        String customer = unique("EXP-");
        send(purchase(customer, customer + "-1", "10.00"));
        clock.advance(Duration.ofDays(31));
        send(purchase(customer, customer + "-2", "20.00"));
        JsonNode lots = status(customer).path("lots");
        assertThat(lots).hasSize(2);
        String first = lots.get(0).path("id").asString();
        // 24 months after it was earned, in the program's time zone.
        assertThat(lots.get(0).path("expiresAt").asString()).isEqualTo("2028-01-15T10:00:00Z");
        assertThat(status(customer).path("points").path("nextExpiry").asString()).isEqualTo("2028-01-15T10:00:00Z");
        assertThat(status(customer).path("points").path("expiringNext").asLong()).isEqualTo(10);

        clock.stopAt(at("2028-01-15T09:59:59Z"));
        assertThat(balance(customer)).isEqualTo(30);
        clock.stopAt(at("2028-01-15T10:00:00Z"));
        // Exact to the lot, before the job has even run.
        assertThat(balance(customer)).isEqualTo(20);
        assertThat(status(customer).path("lots")).hasSize(1);
        maintenance();
        maintenance();
        List<JsonNode> expiries = ledger(customer).stream().filter(e -> e.path("kind").asString().equals("expire"))
                .toList();
        assertThat(expiries).hasSize(1);
        assertThat(expiries.getFirst().path("points").asLong()).isEqualTo(-10);
        assertThat(expiries.getFirst().path("source").asString()).isEqualTo("lot:" + first);
        assertThat(balance(customer)).isEqualTo(20);
        assertThat(sum(ledger(customer))).isEqualTo(20);
    }

    @Test
    void inactivityExpiresEveryLotButAPurchaseKeepsThemAlive() {
        Program program = Program.defaults();
        use(new Program(null, null, null, true, "EUR", "Europe/Paris", program.tiers(), program.earning(),
                new Program.Expiry(24, 6), program.card(), program.returns(), program.review()));
        clock.stopAt(at("2026-01-01T10:00:00Z"));
        String customer = unique("INA-");
        send(purchase(customer, customer + "-1", "10.00"));
        clock.stopAt(at("2026-06-20T10:00:00Z"));
        send(purchase(customer, customer + "-2", "10.00"));
        // Six months after the last purchase, counted in Paris: 12:00 there in June, 12:00 there in December.
        clock.stopAt(at("2026-12-20T10:59:00Z"));
        assertThat(balance(customer)).isEqualTo(20);
        assertThat(status(customer).path("lots").get(0).path("expiresAt").asString())
                .isEqualTo("2026-12-20T11:00:00Z");
        clock.stopAt(at("2026-12-20T11:00:00Z"));
        assertThat(balance(customer)).isZero();
        maintenance();
        assertThat(ledger(customer).stream().filter(e -> e.path("kind").asString().equals("expire"))).hasSize(2);
        assertThat(sum(ledger(customer))).isZero();
        // Dated when they expired, not when the job ran.
        assertThat(ledger(customer).getFirst().path("occurredAt").asString()).isEqualTo("2026-12-20T11:00:00Z");
    }

    @Test
    void activityAfterTheEndOfTheActivityDoesNotBringExpiredPointsBack() {
        Program program = Program.defaults();
        use(new Program(null, null, null, true, "EUR", "Europe/Paris", program.tiers(), program.earning(),
                new Program.Expiry(null, 6), program.card(), program.returns(), program.review()));
        clock.stopAt(at("2026-01-05T10:00:00Z"));
        String customer = unique("IDL-");
        send(purchase(customer, customer + "-1", "40.00"));
        // Seven months later, before the job has run: a purchase, then goodwill from an agent.
        clock.stopAt(at("2026-08-05T10:00:00Z"));
        send(purchase(customer, customer + "-2", "10.00"));
        assertThat(balance(customer)).isEqualTo(10);
        loyalty.adjust(java.util.UUID.fromString(personOf(customer)), 25, "goodwill", customer + "-gw");
        assertThat(balance(customer)).isEqualTo(35);
        List<JsonNode> expired = ledger(customer).stream()
                .filter(e -> e.path("kind").asString().equals("expire")).toList();
        assertThat(expired).hasSize(1);
        assertThat(expired.getFirst().path("points").asLong()).isEqualTo(-40);
        assertThat(expired.getFirst().path("occurredAt").asString()).isEqualTo("2026-07-05T09:00:00Z"); // 11:00 in Paris, summer time
        maintenance();
        assertThat(balance(customer)).isEqualTo(35);
        assertThat(sum(ledger(customer))).isEqualTo(35);
        // A customer inactive for months gets goodwill that stays: it counts as activity.
        clock.stopAt(at("2027-03-01T10:00:00Z"));
        assertThat(balance(customer)).isZero();
        loyalty.adjust(java.util.UUID.fromString(personOf(customer)), 50, "goodwill", customer + "-gw2");
        assertThat(balance(customer)).isEqualTo(50);
    }

    @Test
    void aReturnTakesPointsBackInProportionAndAShortfallBecomesADebt() {
        clock.stopAt(at("2026-03-01T10:00:00Z"));
        String customer = unique("RET-");
        send(purchase(customer, customer + "-1", "100.00"));
        String person = personOf(customer);
        HttpResponse<String> redeemed = postJson("/api/v1/profiles/" + person + "/loyalty/redemptions",
                BOOTSTRAP_KEY, "{\"points\": 80, \"orderId\": \"" + customer + "-r\"}");
        assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(201);
        assertThat(json(redeemed).path("balance").asLong()).isEqualTo(20);

        send(returned(customer, customer + "-1", "25.00"));
        assertThat(balance(customer)).isZero();
        assertThat(status(customer).path("points").path("debt").asLong()).isEqualTo(5);
        send(returned(customer, customer + "-1", "75.00"));
        // 100 points earned, all taken back: 20 from the lot, 80 owed.
        assertThat(status(customer).path("points").path("debt").asLong()).isEqualTo(80);
        JsonNode reverse = ledger(customer).getFirst();
        assertThat(reverse.path("kind").asString()).isEqualTo("reverse");
        assertThat(reverse.path("points").asLong()).isZero();
        assertThat(reverse.path("details").path("shortfall").asLong()).isEqualTo(75);

        send(purchase(customer, customer + "-2", "50.00"));
        assertThat(balance(customer)).isZero();
        assertThat(status(customer).path("points").path("debt").asLong()).isEqualTo(30);
        send(purchase(customer, customer + "-3", "50.00"));
        assertThat(balance(customer)).isEqualTo(20);
        assertThat(status(customer).path("points").path("debt").asLong()).isZero();
        assertThat(sum(ledger(customer))).isEqualTo(20);
    }

    @Test
    void aForgivingProgramWritesTheShortfallOff() {
        Program program = Program.defaults();
        use(new Program(null, null, null, true, "EUR", "Europe/Paris", program.tiers(), program.earning(),
                program.expiry(), program.card(), new Program.Returns(Program.Shortfall.FORGIVE), program.review()));
        String customer = unique("FGV-");
        send(purchase(customer, customer + "-1", "10.00"));
        loyalty.redeem(java.util.UUID.fromString(personOf(customer)), 10, customer + "-r");
        send(returned(customer, customer + "-1", "10.00"));
        JsonNode points = status(customer).path("points");
        assertThat(points.path("balance").asLong()).isZero();
        assertThat(points.path("debt").asLong()).isZero();
        assertThat(ledger(customer).getFirst().path("details").path("forgiven").asLong()).isEqualTo(10);
    }

    @Test
    void replayedEventsAndImportsNeverEarnTwice() {
        String customer = unique("RPL-");
        ObjectNode order = purchase(customer, customer + "-1", "12.00");
        send(order);
        send(order);
        // The same order through another path (another event id) counts once.
        ObjectNode sameOrder = purchase(customer, customer + "-1", "12.00");
        send(sameOrder);
        String csv = """
                orderId;customerId;occurredAt;sku;name;brand;category;quantity;unitPrice;currency;store;channel
                %1$s-1;%1$s;2026-11-20T10:00:00Z;SKU-1;Thing;Acme;home;1;12.00;EUR;paris-01;store
                %1$s-2;%1$s;2026-11-21T10:00:00Z;SKU-1;Thing;Acme;home;2;4.00;EUR;paris-01;store
                """.formatted(customer);
        assertThat(importAndWait("transactions", csv).path("state").asString()).isEqualTo("completed");
        assertThat(importAndWait("transactions", csv).path("state").asString()).isEqualTo("completed");
        assertThat(balance(customer)).isEqualTo(20);
        List<JsonNode> entries = ledger(customer);
        assertThat(entries).hasSize(2);
        assertThat(entries.stream().map(e -> e.path("source").asString()))
                .containsExactlyInAnyOrder("order:" + customer + "-1", "order:" + customer + "-2");
        // A replayed return takes back once.
        ObjectNode back = returned(customer, customer + "-2", "8.00");
        send(back);
        send(back);
        assertThat(balance(customer)).isEqualTo(12);
    }

    @Test
    void aBonusEventEarnsItsPointsAtMostAsOftenAsTheProgramSays() {
        clock.stopAt(at("2026-09-10T08:00:00Z"));
        String customer = unique("BON-");
        send(event("review", customer), event("review", customer));
        assertThat(balance(customer)).isEqualTo(50);
        clock.advance(Duration.ofHours(3));
        send(event("review", customer));
        assertThat(balance(customer)).isEqualTo(50);
        // The next day in Paris.
        clock.stopAt(at("2026-09-10T22:30:00Z"));
        send(event("review", customer));
        assertThat(balance(customer)).isEqualTo(100);
        assertThat(ledger(customer).getFirst().path("rule").asString()).isEqualTo("review");
        // A page view earns nothing.
        send(event("page_view", customer));
        assertThat(ledger(customer)).hasSize(2);
    }

    @Test
    void aDailyCapStopsEarningsForTheDay() {
        Program program = Program.defaults();
        Program.Earning earning = new Program.Earning(new BigDecimal("2"), List.of(
                new Program.Multiplier(null, "Acme", null, new BigDecimal("3")),
                new Program.Multiplier("SKU-FREE", null, null, BigDecimal.ZERO)), List.of(), 100L);
        use(new Program(null, null, null, true, "EUR", "Europe/Paris", program.tiers(), earning, program.expiry(),
                program.card(), program.returns(), program.review()));
        clock.stopAt(at("2026-10-01T09:00:00Z"));
        String customer = unique("CAP-");
        // 10 EUR of Acme: 10 x 2 x 3 = 60 points.
        send(purchase(customer, customer + "-1", "10.00"));
        assertThat(balance(customer)).isEqualTo(60);
        send(purchase(customer, customer + "-2", "10.00"));
        assertThat(balance(customer)).isEqualTo(100);
        clock.advance(Duration.ofDays(1));
        ObjectNode excluded = purchase(customer, customer + "-3", "10.00");
        ((ObjectNode) excluded.get("properties").get("items").get(0)).put("sku", "SKU-FREE");
        send(excluded);
        assertThat(balance(customer)).isEqualTo(100);
        // The next day the cap starts again.
        send(purchase(customer, customer + "-4", "10.00"));
        assertThat(balance(customer)).isEqualTo(160);
    }

    @Test
    void anOrderInAnotherCurrencyEarnsNothingButCountsAsAnOrder() {
        String customer = unique("CUR-");
        ObjectNode order = purchase(customer, customer + "-1", "10.00");
        ((ObjectNode) order.get("properties")).put("currency", "USD");
        send(order);
        JsonNode status = status(customer);
        assertThat(status.path("points").path("balance").asLong()).isZero();
        assertThat(status.path("progress").path("orders").path("counted").asInt()).isEqualTo(1);
    }

    @Test
    void aPausedProgramEarnsNothing() {
        use(Program.defaults().withActive(false));
        String customer = unique("OFF-");
        send(purchase(customer, customer + "-1", "10.00"));
        assertThat(balance(customer)).isZero();
        assertThat(status(customer).path("programActive").asBoolean()).isFalse();
    }

    @Test
    void heldPointsCannotBeSpentTwiceAndComeBackWhenTheHoldEnds() {
        clock.stopAt(at("2026-08-03T15:00:00Z"));
        String customer = unique("HLD-");
        send(purchase(customer, customer + "-1", "100.00"));
        java.util.UUID person = java.util.UUID.fromString(personOf(customer));
        PointsHold basket = loyalty.hold(person, 70, customer + "-quote-1", Duration.ofMinutes(15));
        assertThat(loyalty.hold(person, 70, customer + "-quote-1", Duration.ofMinutes(15)).id())
                .isEqualTo(basket.id());
        JsonNode points = status(customer).path("points");
        assertThat(points.path("balance").asLong()).isEqualTo(100);
        assertThat(points.path("held").asLong()).isEqualTo(70);
        assertThat(points.path("available").asLong()).isEqualTo(30);
        // The other till sees only what is not held.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loyalty.hold(person, 31, customer + "-quote-2",
                Duration.ofMinutes(15))).isInstanceOf(org.entente.platform.ProblemException.Conflict.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loyalty.redeem(person, 31, customer + "-T"))
                .isInstanceOf(org.entente.platform.ProblemException.Conflict.class);
        PointsChange captured = loyalty.capture(basket.id(), customer + "-A1");
        assertThat(captured.balance()).isEqualTo(30);
        assertThat(loyalty.capture(basket.id(), customer + "-A1").replayed()).isTrue();
        assertThat(balance(customer)).isEqualTo(30);

        PointsHold second = loyalty.hold(person, 20, customer + "-quote-3", Duration.ofMinutes(15));
        assertThat(loyalty.release(second.id()).state()).isEqualTo(PointsHold.State.RELEASED);
        assertThat(status(customer).path("points").path("available").asLong()).isEqualTo(30);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loyalty.capture(second.id(), customer + "-A2"))
                .isInstanceOf(org.entente.platform.ProblemException.Conflict.class);

        PointsHold forgotten = loyalty.hold(person, 25, customer + "-quote-4", Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(16));
        assertThat(status(customer).path("points").path("available").asLong()).isEqualTo(30);
        assertThat(maintenance().holdsReleased()).isGreaterThanOrEqualTo(1);
        assertThat(maintenance().holdsReleased()).isZero();
        List<String> kinds = ledger(customer).stream().map(e -> e.path("kind").asString()).toList();
        assertThat(kinds).containsExactly("release", "hold", "release", "hold", "redeem", "hold", "earn");
        assertThat(ledger(customer).stream().mapToLong(e -> e.path("held").asLong()).sum()).isZero();
        assertThat(ledger(customer).getFirst().path("reason").asString()).isEqualTo("expired");
        assertThat(forgotten.points()).isEqualTo(25);
    }

    @Test
    void aReturnCountsOnceWhateverPathBringsItAndEvenBeforeItsOrder() {
        clock.stopAt(at("2026-11-02T10:00:00Z"));
        String customer = unique("RID-");
        // An offline till uploads late: the return of order 1 comes before order 1.
        ObjectNode early = returned(customer, customer + "-1", "20.00");
        ((ObjectNode) early.get("properties")).put("returnId", customer + "-R1");
        send(early);
        assertThat(balance(customer)).isZero();
        send(purchase(customer, customer + "-1", "40.00"), purchase(customer, customer + "-2", "40.00"));
        assertThat(balance(customer)).isEqualTo(60);
        // The return was within 30 days: order 1 does not count for qualification.
        assertThat(status(customer).path("progress").path("orders").path("counted").asInt()).isEqualTo(1);
        // The same return again, from the nightly import, with the till's return id: nothing more is taken back.
        String csv = """
                orderId;customerId;occurredAt;sku;name;brand;category;quantity;unitPrice;currency;store;channel;returnId
                %1$s-1;%1$s;2026-11-01T10:00:00Z;SKU-1;Thing;Acme;home;-1;20.00;EUR;paris-01;store;%1$s-R1
                """.formatted(customer);
        assertThat(importAndWait("transactions", csv).path("state").asString()).isEqualTo("completed");
        assertThat(balance(customer)).isEqualTo(60);
        assertThat(ledger(customer).stream().filter(e -> e.path("kind").asString().equals("reverse"))).hasSize(1);
    }

    @Test
    void aReturnUnderAnotherIdentityStillTakesThePointsBack() {
        String customer = unique("XID-");
        String stranger = unique("xid.") + "@example.com";
        send(purchase(customer, customer + "-1", "30.00"));
        ObjectNode back = returned(customer, customer + "-1", "30.00");
        back.putObject("identifiers").put("email", stranger);
        send(back);
        assertThat(balance(customer)).isZero();
        assertThat(ledger(customer).getFirst().path("kind").asString()).isEqualTo("reverse");
    }

    @Test
    void longOrderIdsAndRedemptionsAcrossHundredsOfLotsAreRecorded() {
        String customer = unique("BIG-");
        String longOrder = customer + "-" + "x".repeat(470);
        send(purchase(customer, longOrder, "5.00"));
        List<ObjectNode> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            orders.add(purchase(customer, customer + "-" + i, "1.00"));
        }
        send(orders.toArray(ObjectNode[]::new));
        assertThat(balance(customer)).isEqualTo(305);
        PointsChange all = loyalty.redeem(java.util.UUID.fromString(personOf(customer)), 305, customer + "-all");
        assertThat(all.balance()).isZero();
        assertThat(ledger(customer).getFirst().path("details").path("lots")).hasSize(301);
        send(returned(customer, longOrder, "5.00"));
        assertThat(status(customer).path("points").path("debt").asLong()).isEqualTo(5);
    }

    private static long sum(List<JsonNode> entries) {
        return entries.stream().mapToLong(e -> e.path("points").asLong()).sum();
    }
}
