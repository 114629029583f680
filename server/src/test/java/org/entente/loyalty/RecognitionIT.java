package org.entente.loyalty;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status is earned from real behaviour, with a moving clock: never at the first purchase, at the exact order that
 * qualifies, not from orders returned or complained about within the satisfaction window, and lowered only by the
 * review, after the grace.
 */
class RecognitionIT extends LoyaltyFixtures {

    @Test
    void noTierAtTheFirstPurchaseAndMemberAtTheThirdSatisfiedOrder() {
        clock.stopAt(at("2026-03-02T10:00:00Z"));
        String customer = unique("REC-");
        send(purchase(customer, customer + "-1", "40.00"));
        JsonNode first = status(customer);
        assertThat(first.path("tier").isNull()).isTrue();
        assertThat(first.path("card").isNull()).isTrue();
        assertThat(first.path("points").path("balance").asLong()).isEqualTo(40);
        assertThat(first.path("progress").path("tier").asString()).isEqualTo("member");
        assertThat(first.path("progress").path("orders").path("missing").asInt()).isEqualTo(2);
        assertThat(first.path("progress").path("text").asString())
                .isEqualTo("2 more orders within 365 days to become Member");
        assertThat(status(customer, "fr").path("progress").path("text").asString())
                .isEqualTo("encore 2 commandes d'ici 365 jours pour devenir Membre");

        clock.advance(Duration.ofDays(20));
        send(purchase(customer, customer + "-2", "25.00"));
        assertThat(tier(customer)).isNull();
        assertThat(timeline(customer, "loyalty.tier_earned")).isEmpty();

        clock.advance(Duration.ofDays(20));
        send(purchase(customer, customer + "-3", "10.00"));
        JsonNode member = status(customer);
        assertThat(member.path("tier").path("code").asString()).isEqualTo("member");
        assertThat(member.path("tier").path("name").asString()).isEqualTo("Member");
        assertThat(member.path("tier").path("since").asString()).isEqualTo("2026-04-11T10:00:00Z");
        assertThat(member.path("benefits").valueStream().map(b -> b.path("kind").asString()))
                .containsExactly("member_price", "extended_returns", "birthday_gift");
        assertThat(member.path("benefits").get(0).path("description").asString())
                .isEqualTo("Member price: 5% off everything");
        assertThat(member.path("progress").path("tier").asString()).isEqualTo("insider");
        assertThat(member.path("progress").path("text").asString())
                .isEqualTo("5 more orders or 525.00 EUR more within 325 days to become Insider");
        String card = member.path("card").path("number").asString();
        assertThat(card).hasSize(16).startsWith("2900");
        assertThat(status(customer, "fr").path("tier").path("name").asString()).isEqualTo("Membre");

        List<JsonNode> earned = timeline(customer, "loyalty.tier_earned");
        assertThat(earned).hasSize(1);
        assertThat(earned.getFirst().path("properties").path("orderId").asString()).isEqualTo(customer + "-3");
        assertThat(earned.getFirst().path("properties").path("cardNumber").asString()).isEqualTo(card);
        // The till recognises the customer by the card from now on.
        JsonNode byCard = json(get("/api/v1/profiles?identifier=loyaltyCard:" + card, BOOTSTRAP_KEY));
        assertThat(byCard.path("id").asString()).isEqualTo(personOf(customer));
        // The profile's statistics count purchases, not the tier note.
        JsonNode profile = json(get("/api/v1/profiles/" + personOf(customer), BOOTSTRAP_KEY));
        assertThat(profile.path("statistics").path("events").asLong()).isEqualTo(3);
    }

    @Test
    void ordersReturnedOrComplainedAboutWithinTheSatisfactionWindowDoNotCount() {
        clock.stopAt(at("2026-05-04T09:00:00Z"));
        String customer = unique("SAT-");
        send(purchase(customer, customer + "-a", "30.00"));
        clock.advance(Duration.ofDays(2));
        send(purchase(customer, customer + "-b", "30.00"));
        clock.advance(Duration.ofDays(5));
        send(complaint(customer, customer + "-a"));
        clock.advance(Duration.ofDays(3));
        send(returned(customer, customer + "-b", "10.00"));
        clock.advance(Duration.ofDays(1));
        send(purchase(customer, customer + "-c", "30.00"));
        // a and b are out of the count: only c counts.
        assertThat(tier(customer)).isNull();
        assertThat(status(customer).path("progress").path("orders").path("counted").asInt()).isEqualTo(1);

        clock.advance(Duration.ofDays(1));
        send(purchase(customer, customer + "-d", "30.00"));
        // A complaint after the satisfaction window (30 days) no longer takes an order out.
        clock.advance(Duration.ofDays(40));
        send(complaint(customer, customer + "-c"));
        assertThat(tier(customer)).isNull();
        send(purchase(customer, customer + "-e", "30.00"));
        assertThat(tier(customer)).isEqualTo("member");
        assertThat(timeline(customer, "loyalty.tier_earned").getFirst().path("properties").path("orderId")
                .asString()).isEqualTo(customer + "-e");
    }

    @Test
    void theReviewLowersATierOnlyAfterTheGraceAndRunningItTwiceChangesNothing() {
        clock.stopAt(at("2026-01-10T12:00:00Z"));
        String customer = unique("REV-");
        for (int i = 1; i <= 3; i++) {
            send(purchase(customer, customer + "-" + i, "20.00"));
            clock.advance(Duration.ofHours(1));
        }
        assertThat(tier(customer)).isEqualTo("member");

        // The first order leaves the 365-day window: the qualification is no longer met.
        clock.stopAt(at("2027-01-10T12:30:00Z"));
        JsonNode atRisk = status(customer).path("atRisk");
        assertThat(atRisk.path("since").asString()).isEqualTo("2027-01-10T12:00:00Z");
        assertThat(atRisk.path("lowersAt").asString()).isEqualTo("2027-02-09T12:00:00Z");
        assertThat(atRisk.path("to").isNull()).isTrue();
        maintenance();
        MaintenanceReport again = maintenance();
        assertThat(again.tiersLowered()).isZero();
        assertThat(tier(customer)).isEqualTo("member");

        clock.stopAt(at("2027-02-09T11:59:00Z"));
        maintenance();
        assertThat(tier(customer)).isEqualTo("member");
        assertThat(timeline(customer, "loyalty.tier_lost")).isEmpty();

        clock.stopAt(at("2027-02-09T12:00:00Z"));
        MaintenanceReport lowered = maintenance();
        assertThat(lowered.tiersLowered()).isGreaterThanOrEqualTo(1);
        assertThat(tier(customer)).isNull();
        assertThat(status(customer).path("atRisk").isNull()).isTrue();
        List<JsonNode> lost = timeline(customer, "loyalty.tier_lost");
        assertThat(lost).hasSize(1);
        assertThat(lost.getFirst().path("properties").path("tier").asString()).isEqualTo("member");
        assertThat(maintenance().tiersLowered()).isZero();
        assertThat(timeline(customer, "loyalty.tier_lost")).hasSize(1);
        // The card stays: it was issued to the person, not to the tier.
        assertThat(status(customer).path("card").isNull()).isFalse();
    }

    @Test
    void aTierMetAgainDuringTheGraceIsKept() {
        clock.stopAt(at("2026-02-01T08:00:00Z"));
        String customer = unique("GRC-");
        for (int i = 1; i <= 3; i++) {
            send(purchase(customer, customer + "-" + i, "20.00"));
        }
        assertThat(tier(customer)).isEqualTo("member");
        clock.stopAt(at("2027-02-05T08:00:00Z"));
        maintenance();
        assertThat(status(customer).path("atRisk").isNull()).isFalse();
        send(purchase(customer, customer + "-4", "20.00"));
        send(purchase(customer, customer + "-5", "20.00"));
        send(purchase(customer, customer + "-6", "20.00"));
        assertThat(status(customer).path("atRisk").isNull()).isTrue();
        clock.advance(Duration.ofDays(60));
        maintenance();
        assertThat(tier(customer)).isEqualTo("member");
    }

    @Test
    void spendQualifiesAsWellAsOrdersButNeverAtTheFirstPurchase() {
        clock.stopAt(at("2026-06-01T10:00:00Z"));
        String customer = unique("SPD-");
        send(purchase(customer, customer + "-1", "650.00"));
        // 600 EUR in one order: still no status, and no card.
        JsonNode first = status(customer);
        assertThat(first.path("tier").isNull()).isTrue();
        assertThat(first.path("card").isNull()).isTrue();
        send(purchase(customer, customer + "-2", "10.00"));
        // A second order: 600 EUR in repeat purchases make an Insider at once, above Member.
        assertThat(tier(customer)).isEqualTo("insider");
        assertThat(status(customer).path("progress").isNull()).isTrue();
        List<JsonNode> earned = timeline(customer, "loyalty.tier_earned");
        assertThat(earned).hasSize(1);
        assertThat(earned.getFirst().path("properties").has("previousTier")).isFalse();
    }

    @Test
    void twoPersonsFoundToBeOneBringTheirOrdersAndPointsTogether() {
        clock.stopAt(at("2026-07-01T10:00:00Z"));
        String store = unique("MRG-STORE-");
        String email = unique("mrg.") + "@example.com";
        send(purchase(store, store + "-1", "15.00"), purchase(store, store + "-2", "15.00"));
        var web = event("purchase", store);
        web.putObject("identifiers").put("email", email);
        ((tools.jackson.databind.node.ObjectNode) web.get("properties")).put("orderId", store + "-w")
                .put("total", new java.math.BigDecimal("30.00")).put("currency", "EUR");
        send(web);
        assertThat(tier(store)).isNull();
        // An identify naming both: one person, three orders, the tier earned by the merge.
        var identify = event("identify", store);
        identify.putObject("identifiers").put("customerId", store).put("email", email);
        send(identify);
        JsonNode merged = status(store);
        assertThat(merged.path("tier").path("code").asString()).isEqualTo("member");
        assertThat(merged.path("points").path("balance").asLong()).isEqualTo(60);
        assertThat(merged.path("lots")).hasSize(3);
        assertThat(ledger(store)).hasSize(3);
        // The web order, counted for the person merged away, is returned at the store: its points go back.
        send(returned(store, store + "-w", "30.00"));
        assertThat(balance(store)).isEqualTo(30);
        assertThat(ledger(store).getFirst().path("kind").asString()).isEqualTo("reverse");
    }
}
