package org.entente.checkout;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Offers of every kind through the API, their resolution, quotes' life cycle, and bad input. */
class CheckoutApiIT extends CheckoutFixtures {

    private static final String QUOTES = "/api/v1/checkout/quotes";

    @Test
    void tierBenefitsApplyAsMemberPricesInTheReadersLanguage() {
        addOffer("""
                {"kind": "member_price", "label": {"en": "Member price", "fr": "Prix membre"}}""");
        String customer = unique("member");
        for (int i = 1; i <= 3; i++) {
            send(purchase(customer, "store", customer + "-" + i, item("MUG", "Acme", "home", 1, "10.00")));
        }
        JsonNode quote = quoted(basket(customer, "store", item("LAMP", "Acme", "home", 2, "20.00")));
        assertThat(quote.path("tier").path("code").asString()).isEqualTo("member");
        assertThat(quote.path("benefits")).isNotEmpty();
        JsonNode memberPrice = offer(quote, "member_price").orElseThrow();
        assertThat(memberPrice.path("discount").decimalValue()).isEqualByComparingTo("2.00");
        assertThat(quote.path("subtotal").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(quote.path("total").decimalValue()).isEqualByComparingTo("38.00");
        assertThat(quote.path("points").path("toEarn").asLong()).isEqualTo(38);
        assertThat(quote.path("lines").get(0).path("discount").decimalValue()).isEqualByComparingTo("2.00");

        HttpResponse<String> french = quote(basket(customer, "store", item("LAMP", "Acme", "home", 1, "20.00")),
                "fr");
        JsonNode fr = offer(json(french), "member_price").orElseThrow();
        assertThat(fr.path("label").asString()).isEqualTo("Prix membre");
        assertThat(fr.path("reason").asString()).contains("Prix membre de votre statut member");
        assertThat(json(french).path("tier").path("name").asString()).isEqualTo("Membre");
    }

    @Test
    void unknownCustomersGetBasketOffersAndTheirPurchaseCreatesThePerson() {
        addOffer("""
                {"kind": "basket", "label": {"en": "10% on the second shirt"}, "match": {"category": "Shirts"},
                 "nthItem": 2, "discount": {"percentOff": 10}}""");
        addOffer("""
                {"kind": "basket", "label": {"en": "5 EUR off from 100 EUR"}, "minSubtotal": 100,
                 "discount": {"amountOff": 5}, "priority": -1}""");
        String customer = unique("walkin");
        JsonNode quote = quoted(basket(customer, "store", item("SHIRT-A", "Acme", "shirts", 1, "30.00"),
                item("SHIRT-B", "Acme", "shirts", 1, "50.00"), item("TIE", "Acme", "ties", 1, "20.00")));
        assertThat(quote.path("recognised").asBoolean()).isFalse();
        assertThat(quote.path("profileId").isNull()).isTrue();
        assertThat(quote.path("offers")).hasSize(2);
        // The dearest shirt counts first: the second one is the 30.00 shirt.
        JsonNode second = quote.path("offers").get(0);
        assertThat(second.path("discount").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(second.path("appliesTo").get(0).asString()).isEqualTo("SHIRT-A");
        assertThat(quote.path("offers").get(1).path("discount").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(quote.path("total").decimalValue()).isEqualByComparingTo("92.00");
        assertThat(quote.path("points").path("redeemable").asLong()).isZero();

        HttpResponse<String> confirmed = confirm(quote, customer + "-1");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(201);
        assertThat(json(confirmed).path("profileId").asString()).isEqualTo(personOf(customer));
        assertThat(points(customer).path("balance").asLong()).isEqualTo(92);
        JsonNode timeline = json(get("/api/v1/profiles/" + personOf(customer) + "/timeline?type=purchase",
                BOOTSTRAP_KEY));
        assertThat(timeline.path("items").get(0).path("properties").path("total").decimalValue())
                .isEqualByComparingTo("92.00");
        // An anonymous basket (no identifier at all) still gets the basket offers; nobody is recorded.
        JsonNode anonymous = quoted(basket(null, "web", item("SHIRT-A", "Acme", "shirts", 2, "30.00")));
        assertThat(anonymous.path("offers")).hasSize(1);
        HttpResponse<String> anonymousConfirm = confirm(anonymous, customer + "-anon");
        assertThat(anonymousConfirm.statusCode()).as(anonymousConfirm.body()).isEqualTo(201);
        assertThat(json(anonymousConfirm).path("eventId").isNull()).isTrue();
    }

    @Test
    void anExclusiveOfferOfHigherPriorityStandsAloneAndCapsHold() {
        addOffer("""
                {"kind": "basket", "label": {"en": "20% on everything"}, "discount": {"percentOff": 20},
                 "priority": 5, "stackable": false, "maxDiscount": 15}""");
        addOffer("""
                {"kind": "basket", "label": {"en": "10% on everything"}, "discount": {"percentOff": 10}}""");
        JsonNode quote = quoted(basket(unique("excl"), "web", item("COAT", "Acme", "coats", 1, "100.00")));
        assertThat(quote.path("offers")).hasSize(1);
        assertThat(quote.path("offers").get(0).path("label").asString()).isEqualTo("20% on everything");
        assertThat(quote.path("discountTotal").decimalValue()).isEqualByComparingTo("15.00");

        // Below the exclusive one's priority, stackable offers apply together, one on what the other left.
        emptyCatalog();
        addOffer("""
                {"kind": "basket", "label": {"en": "10% first"}, "discount": {"percentOff": 10}, "priority": 3}""");
        addOffer("""
                {"kind": "basket", "label": {"en": "Exclusive later"}, "discount": {"percentOff": 50},
                 "stackable": false}""");
        addOffer("""
                {"kind": "basket", "label": {"en": "10% then"}, "discount": {"percentOff": 10}, "priority": 1}""");
        JsonNode stacked = quoted(basket(unique("stack"), "web", item("COAT", "Acme", "coats", 1, "100.00")));
        assertThat(stacked.path("offers")).extracting(o -> o.path("label").asString())
                .containsExactly("10% first", "10% then");
        assertThat(stacked.path("total").decimalValue()).isEqualByComparingTo("81.00");
    }

    @Test
    void personalOffersGoToThePersonsWhoMeetTheirConditions() {
        addOffer("""
                {"kind": "personal", "label": {"en": "We missed you"}, "conditions": {"lifecycles": ["customer"],
                 "categoriesBought": ["garden"], "lastPurchaseOlderThanDays": 30}, "discount": {"percentOff": 15},
                 "channels": ["store"]}""");
        String gardener = unique("gardener");
        send(purchase(gardener, "web", gardener + "-1", item("RAKE", "Acme", "garden", 1, "25.00")));
        String other = unique("other");
        send(purchase(other, "web", other + "-1", item("SOFA", "Acme", "living", 1, "25.00")));
        ObjectNode seeds = item("SEEDS", "Acme", "garden", 1, "10.00");
        assertThat(offer(quoted(basket(gardener, "store", seeds)), "personal")).as("bought too recently").isEmpty();
        clock.advance(Duration.ofDays(31));
        assertThat(offer(quoted(basket(gardener, "store", seeds)), "personal")).isPresent();
        assertThat(offer(quoted(basket(gardener, "web", seeds)), "personal")).as("not on this channel").isEmpty();
        assertThat(offer(quoted(basket(other, "store", seeds)), "personal")).as("never bought garden").isEmpty();
        assertThat(offer(quoted(basket(unique("nobody"), "store", seeds)), "personal")).as("unknown").isEmpty();
    }

    @Test
    void quotesExpireCancelAndReleaseTheirPoints() {
        String customer = unique("expiry");
        send(purchase(customer, "store", customer + "-1", item("TV", "Acme", "tv", 1, "300.00")));
        JsonNode quote = quoted(basket(customer, "store", item("CABLE", "Acme", "tv", 1, "9.00"))
                .put("redeemPoints", 200));
        assertThat(quote.path("points").path("redeemed").asLong()).isEqualTo(200);
        assertThat(quote.path("total").decimalValue()).isEqualByComparingTo("7.00");
        assertThat(points(customer).path("available").asLong()).isEqualTo(100);
        clock.advance(Duration.ofMinutes(16));
        assertProblem(confirm(quote, customer + "-2"), 409, "quote_expired");
        HttpResponse<String> report = postJson("/api/v1/checkout/maintenance", BOOTSTRAP_KEY, "");
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(points(customer).path("available").asLong()).isEqualTo(300);
        assertProblem(confirm(quote, customer + "-2"), 409, "quote_expired");

        JsonNode cancelled = quoted(basket(customer, "store", item("CABLE", "Acme", "tv", 1, "9.00"))
                .put("redeemPoints", 200));
        String cancel = QUOTES + "/" + cancelled.path("quoteId").asString() + "/cancel";
        assertThat(json(postJson(cancel, BOOTSTRAP_KEY, "")).path("state").asString()).isEqualTo("cancelled");
        assertThat(json(postJson(cancel, BOOTSTRAP_KEY, "")).path("state").asString()).isEqualTo("cancelled");
        assertThat(points(customer).path("available").asLong()).isEqualTo(300);
        assertProblem(confirm(cancelled, customer + "-3"), 409, "quote_cancelled");

        JsonNode paid = quoted(basket(customer, "store", item("CABLE", "Acme", "tv", 1, "9.00")));
        assertThat(confirm(paid, customer + "-4").statusCode()).isEqualTo(201);
        assertProblem(confirm(paid, customer + "-5"), 409, "quote_confirmed");
        assertProblem(postJson(QUOTES + "/" + paid.path("quoteId").asString() + "/cancel", BOOTSTRAP_KEY, ""), 409,
                "quote_confirmed");
        JsonNode another = quoted(basket(customer, "store", item("CABLE", "Acme", "tv", 1, "9.00")));
        assertProblem(confirm(another, customer + "-4"), 409, "order_confirmed");
        assertProblem(confirm(JSON.createObjectNode().put("quoteId", java.util.UUID.randomUUID().toString()),
                customer + "-6"), 404, "not_found");
    }

    @Test
    void recommendationsAndTheWishListComeWithTheQuote() {
        for (int i = 0; i < 3; i++) {
            String buyer = unique("reco");
            send(purchase(buyer, "web", buyer + "-1", item("TENT", "Acme", "camping", 1, "100.00"),
                    item("STOVE", "Acme", "camping", 1, "30.00")));
        }
        String customer = unique("wisher");
        ObjectNode wish = event("wishlist_add", customer, "web");
        ((ObjectNode) wish.get("properties")).put("sku", "BOOTS").put("name", "Hiking boots");
        ObjectNode dropped = event("wishlist_add", customer, "web");
        ((ObjectNode) dropped.get("properties")).put("sku", "HAT").put("name", "Hat");
        ObjectNode removed = event("wishlist_remove", customer, "app");
        ((ObjectNode) removed.get("properties")).put("sku", "HAT");
        send(wish, dropped, removed);
        assertThat(postJson("/api/v1/checkout/maintenance", BOOTSTRAP_KEY, "").statusCode()).isEqualTo(200);

        JsonNode quote = quoted(basket(customer, "store", item("TENT", "Acme", "camping", 1, "100.00")));
        assertThat(quote.path("recommendations")).extracting(r -> r.path("sku").asString()).contains("STOVE")
                .doesNotContain("TENT");
        assertThat(quote.path("recommendations").get(0).path("reason").asString())
                .isEqualTo("Often bought with Product TENT");
        assertThat(quote.path("wishlist")).extracting(w -> w.path("sku").asString()).containsExactly("BOOTS");
        assertThat(quote.path("wishlist").get(0).path("name").asString()).isEqualTo("Hiking boots");
        // What the person bought recently is not recommended to them again.
        String camper = unique("camper");
        send(purchase(camper, "web", camper + "-1", item("STOVE", "Acme", "camping", 1, "30.00")));
        JsonNode again = quoted(basket(camper, "store", item("TENT", "Acme", "camping", 1, "100.00")));
        assertThat(again.path("recommendations")).extracting(r -> r.path("sku").asString())
                .doesNotContain("STOVE");
    }

    @Test
    void aMergeBringsBothPersonsPurchasesTogether() {
        addOffer("""
                {"kind": "nth_purchase", "label": {"en": "Every 5th bag half price"}, "match": {"sku": "BAG"},
                 "every": 5, "reward": {"percentOff": 50}}""");
        String shopper = unique("merge");
        String email = shopper + "@example.com";
        send(purchase(shopper, "store", shopper + "-1", item("BAG", "Acme", "bags", 2, "10.00")));
        ObjectNode online = purchase(shopper, "web", shopper + "-2", item("BAG", "Acme", "bags", 2, "10.00"));
        ((ObjectNode) online.get("identifiers")).removeAll().put("email", email);
        send(online);
        assertThat(offer(quoted(basket(shopper, "store", item("BAG", "Acme", "bags", 1, "10.00"))),
                "nth_purchase")).as("two bags known for this card").isEmpty();
        ObjectNode identify = event("identify", shopper, "web");
        ((ObjectNode) identify.get("identifiers")).put("email", email);
        send(identify);
        JsonNode merged = quoted(basket(shopper, "store", item("BAG", "Acme", "bags", 1, "10.00")));
        assertThat(offer(merged, "nth_purchase")).hasValueSatisfying(
                o -> assertThat(o.path("discount").decimalValue()).isEqualByComparingTo("5.00"));
    }

    @Test
    void anOrderRecordedTwiceUnderTwoEventIdsCountsOnce() {
        addOffer("""
                {"kind": "nth_purchase", "label": {"en": "Every 3rd coffee free"}, "match": {"sku": "COFFEE"},
                 "every": 3, "reward": {"percentOff": 100}}""");
        String customer = unique("journal");
        JsonNode quote = quoted(basket(customer, "store", item("COFFEE", "Acme", "drinks", 2, "2.00")));
        assertThat(confirm(quote, customer + "-1").statusCode()).isEqualTo(201);
        // The till uploads its journal later, under its own event id: the same order.
        send(purchase(customer, "store", customer + "-1", item("COFFEE", "Acme", "drinks", 2, "2.00")));
        JsonNode third = quoted(basket(customer, "store", item("COFFEE", "Acme", "drinks", 1, "2.00")));
        assertThat(offer(third, "nth_purchase")).as("two coffees so far, this one is the third").isPresent();
        JsonNode fourth = quoted(basket(customer, "store", item("COFFEE", "Acme", "drinks", 2, "2.00")));
        assertThat(offer(fourth, "nth_purchase").orElseThrow().path("discount").decimalValue())
                .isEqualByComparingTo("2.00");
    }

    @Test
    void offersAreValidatedAuditedVersionedAndWithdrawn() {
        JsonNode created = addOffer("""
                {"kind": "nth_purchase", "label": {"en": "Every 3rd coffee"}, "match": {"sku": "COFFEE"},
                 "every": 3, "reward": {"percentOff": 100}}""");
        String path = "/api/v1/offers/" + created.path("id").asString();
        assertThat(created.path("version").asInt()).isEqualTo(1);
        assertThat(created.path("stackable").asBoolean()).isTrue();
        HttpResponse<String> read = get(path, BOOTSTRAP_KEY);
        assertThat(read.headers().firstValue("ETag")).hasValue("\"1\"");
        String changed = """
                {"kind": "nth_purchase", "label": {"en": "Every 4th coffee"}, "match": {"sku": "COFFEE"},
                 "every": 4, "reward": {"percentOff": 50}}""";
        HttpResponse<String> updated = send(request(path, BOOTSTRAP_KEY).header("Content-Type", "application/json")
                .header("If-Match", "\"1\"").PUT(HttpRequest.BodyPublishers.ofString(changed)));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).path("version").asInt()).isEqualTo(2);
        assertProblem(send(request(path, BOOTSTRAP_KEY).header("Content-Type", "application/json")
                .header("If-Match", "\"1\"").PUT(HttpRequest.BodyPublishers.ofString(changed))), 409, "stale_offer");
        assertThat(json(get("/api/v1/admin/audit-events?action=checkout.offer_updated", BOOTSTRAP_KEY))
                .path("items")).isNotEmpty();
        assertThat(send(request(path, BOOTSTRAP_KEY).DELETE()).statusCode()).isEqualTo(204);
        assertProblem(send(request(path, BOOTSTRAP_KEY).DELETE()), 404, "not_found");
        assertProblem(get(path, BOOTSTRAP_KEY), 404, "not_found");

        JsonNode invalid = assertProblem(postJson("/api/v1/offers", BOOTSTRAP_KEY, """
                {"kind": "nth_purchase", "label": {"de": "Kaffee"}, "match": {"sku": "A", "brand": "B"},
                 "every": 1, "reward": {"percentOff": 120, "pointsPerUnitOfCurrency": 10},
                 "channels": ["moon"], "currency": "XXY", "validFrom": "2027-01-01T00:00:00Z",
                 "validUntil": "2026-01-01T00:00:00Z"}"""), 400, "validation");
        List<String> fields = new ArrayList<>();
        invalid.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("label.en", "label.de", "match", "every", "reward.percentOff",
                "reward.pointsPerUnitOfCurrency", "channels[0]", "currency", "validUntil");
        assertProblem(postJson("/api/v1/offers", BOOTSTRAP_KEY, "{\"kind\": \"free_money\"}"), 400, "validation");
        assertProblem(postJson("/api/v1/offers", BOOTSTRAP_KEY, "{\"label\": {\"en\": \"x\"}}"), 400, "validation");
        assertProblem(postJson("/api/v1/offers", BOOTSTRAP_KEY, "{\"kind\": \"basket\", \"script\": \"1+1\"}"), 400,
                "validation");
        assertProblem(postJson("/api/v1/offers", BOOTSTRAP_KEY, "{\"kind\": "), 400, "malformed_json");
        assertProblem(postJson("/api/v1/offers", BOOTSTRAP_KEY, """
                {"kind": "basket", "label": {"en": "a"}, "label": {"en": "b"}, "discount": {"percentOff": 1}}"""),
                400, "malformed_json");
        assertProblem(postJson("/api/v1/offers", BOOTSTRAP_KEY, """
                {"kind": "personal", "label": {"en": "<b>\\u0007</b>"}, "conditions": {},
                 "discount": {"percentOff": 5, "amountOff": 5}}"""), 400, "validation");
        assertProblem(postJson("/api/v1/offers", BOOTSTRAP_KEY, "{\"kind\": \"basket\", \"padding\": \""
                + "x".repeat(1_100_000) + "\"}"), 413, "payload_too_large");
        assertProblem(postJson("/api/v1/offers", createKey("offers-reader", "read"), "{}"), 403, "forbidden");
        assertProblem(postJson("/api/v1/offers", createKey("offers-till", "checkout"), "{}"), 403, "forbidden");
    }

    @Test
    void badQuotesAreRefusedFieldByField() {
        JsonNode problem = assertProblem(postJson(QUOTES, BOOTSTRAP_KEY, """
                {"identifiers": {"email": "not-an-email", "shoeSize": "42"}, "channel": "moon", "currency": "EURO",
                 "items": [{"sku": "", "quantity": 0, "unitPrice": -1}, {"sku": "A", "quantity": 1,
                 "unitPrice": 1.999}, null], "redeemPoints": -5}"""), 400, "validation");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("identifiers.email", "identifiers.shoeSize", "channel", "currency",
                "items[0].sku", "items[0].quantity", "items[0].unitPrice", "items[2]", "redeemPoints");
        JsonNode cents = assertProblem(postJson(QUOTES, BOOTSTRAP_KEY, """
                {"channel": "store", "currency": "EUR", "items": [{"sku": "A", "quantity": 1, "unitPrice": 1.999}]}"""),
                400, "validation");
        assertThat(cents.path("errors").get(0).path("field").asString()).isEqualTo("items[0].unitPrice");
        assertProblem(postJson(QUOTES, BOOTSTRAP_KEY, """
                {"channel": "store", "currency": "EUR", "items": []}"""), 400, "validation");
        assertProblem(postJson(QUOTES, BOOTSTRAP_KEY, "{\"channel\": \"store\", \"currency\": \"EUR\", \"items\": "
                + "[{\"sku\": \"A\", \"quantity\": \"many\", \"unitPrice\": 1}]}"), 400, "validation");
        assertProblem(postJson(QUOTES, BOOTSTRAP_KEY, "{\"channel\": \"store\", \"channel\": \"web\"}"), 400,
                "malformed_json");
        assertProblem(postJson(QUOTES, BOOTSTRAP_KEY, "{\"channel\": \"store\", \"hack\": true}"), 400,
                "validation");
        assertProblem(postJson(QUOTES, BOOTSTRAP_KEY, "not json"), 400, "malformed_json");
        StringBuilder many = new StringBuilder("{\"channel\": \"store\", \"currency\": \"EUR\", \"items\": [");
        for (int i = 0; i < 201; i++) {
            many.append(i == 0 ? "" : ",").append("{\"sku\": \"S").append(i).append("\", \"quantity\": 1, ")
                    .append("\"unitPrice\": 1}");
        }
        assertProblem(postJson(QUOTES, BOOTSTRAP_KEY, many.append("]}").toString()), 400, "validation");
        assertProblem(postJson(QUOTES, BOOTSTRAP_KEY, "{\"padding\": \"" + "x".repeat(1_100_000) + "\"}"), 413,
                "payload_too_large");
        String hostile = "{\"channel\": \"store\", \"currency\": \"EUR\", \"store\": \"'; drop table x; --\", "
                + "\"items\": [{\"sku\": \"<script>\\u0000\", \"quantity\": 1, \"unitPrice\": 1}]}";
        JsonNode control = assertProblem(postJson(QUOTES, BOOTSTRAP_KEY, hostile), 400, "validation");
        assertThat(control.path("errors").get(0).path("field").asString()).isEqualTo("items[0].sku");
        assertProblem(postJson(QUOTES, createKey("quotes-reader", "read"), "{}"), 403, "forbidden");
        assertProblem(postJson(QUOTES + "/not-a-uuid/confirm", BOOTSTRAP_KEY, "{\"orderId\": \"A\"}"), 400,
                "validation");
        JsonNode quote = quoted(basket(null, "store", item("A", null, null, 1, "1.00")));
        assertProblem(confirm(quote, ""), 400, "validation");
        assertProblem(postJson(QUOTES + "/" + quote.path("quoteId").asString() + "/confirm", BOOTSTRAP_KEY,
                "{\"orderId\": \"x\\u0007\"}"), 400, "validation");
    }
}
