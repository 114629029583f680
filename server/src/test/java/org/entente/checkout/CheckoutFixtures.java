package org.entente.checkout;

import org.entente.support.ApiIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the checkout tests share: an offer catalog holding only what the test adds (the member price offer Entente
 * starts with is withdrawn before and put back after each test), customers who buy and return through the events
 * API, and tills that quote and confirm.
 */
abstract class CheckoutFixtures extends ApiIT {

    @Autowired
    protected OfferCatalog catalog;

    @BeforeEach
    @AfterEach
    void emptyCatalog() {
        for (Offer offer : catalog.list()) {
            catalog.delete(offer.id());
        }
    }

    protected JsonNode addOffer(String json) {
        HttpResponse<String> response = postJson("/api/v1/offers", BOOTSTRAP_KEY, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    protected static ObjectNode item(String sku, String brand, String category, int quantity, String unitPrice) {
        ObjectNode item = JSON.createObjectNode().put("sku", sku).put("name", "Product " + sku);
        if (brand != null) {
            item.put("brand", brand);
        }
        if (category != null) {
            item.put("category", category);
        }
        return item.put("quantity", quantity).put("unitPrice", new BigDecimal(unitPrice));
    }

    protected static ObjectNode event(String type, String customer, String channel) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "it-" + UUID.randomUUID());
        event.put("type", type);
        event.put("channel", channel);
        event.putObject("identifiers").put("customerId", customer);
        event.putObject("properties");
        return event;
    }

    /** A purchase of these lines, paid in full. */
    protected static ObjectNode purchase(String customer, String channel, String orderId, ObjectNode... items) {
        ObjectNode event = event("purchase", customer, channel);
        ObjectNode properties = (ObjectNode) event.get("properties");
        BigDecimal total = BigDecimal.ZERO;
        ArrayNode lines = properties.putArray("items");
        for (ObjectNode item : items) {
            lines.add(item);
            total = total.add(item.get("unitPrice").decimalValue()
                    .multiply(BigDecimal.valueOf(item.get("quantity").asInt())));
        }
        properties.put("orderId", orderId).put("total", total).put("currency", "EUR");
        return event;
    }

    /** A return of these lines, refunding {@code amount} in money. */
    protected static ObjectNode returned(String customer, String orderId, String returnId, String amount,
                                         ObjectNode... items) {
        ObjectNode event = event("return", customer, "store");
        ObjectNode properties = (ObjectNode) event.get("properties");
        ArrayNode lines = properties.putArray("items");
        for (ObjectNode item : items) {
            lines.add(item);
        }
        properties.put("orderId", orderId).put("returnId", returnId).put("amount", new BigDecimal(amount))
                .put("currency", "EUR");
        return event;
    }

    protected ObjectNode basket(String customer, String channel, ObjectNode... items) {
        ObjectNode request = JSON.createObjectNode();
        if (customer != null) {
            request.putObject("identifiers").put("customerId", customer);
        }
        request.put("channel", channel).put("store", "paris-01").put("currency", "EUR");
        ArrayNode lines = request.putArray("items");
        for (ObjectNode item : items) {
            lines.add(item);
        }
        return request;
    }

    protected HttpResponse<String> quote(ObjectNode basket, String language) {
        return send(request("/api/v1/checkout/quotes", BOOTSTRAP_KEY).header("Content-Type", "application/json")
                .header("Accept-Language", language)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(basket))));
    }

    protected JsonNode quoted(ObjectNode basket) {
        HttpResponse<String> response = quote(basket, "en");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Server-Timing")).hasValueSatisfying(
                value -> assertThat(value).matches("app;dur=[0-9]+\\.[0-9]{3}"));
        return json(response);
    }

    protected HttpResponse<String> confirm(JsonNode quote, String orderId) {
        return postJson("/api/v1/checkout/quotes/" + quote.path("quoteId").asString() + "/confirm", BOOTSTRAP_KEY,
                JSON.createObjectNode().put("orderId", orderId).toString());
    }

    protected String personOf(String customer) {
        HttpResponse<String> response = get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("id").asString();
    }

    protected JsonNode points(String customer) {
        HttpResponse<String> response = get("/api/v1/profiles/" + personOf(customer) + "/loyalty", BOOTSTRAP_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("points");
    }

    protected void give(String customer, long points) {
        HttpResponse<String> response = postJson("/api/v1/profiles/" + personOf(customer) + "/loyalty/adjustments",
                BOOTSTRAP_KEY, JSON.createObjectNode().put("points", points).put("reason", "welcome gift").toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    protected static Optional<JsonNode> offer(JsonNode quote, String kind) {
        for (JsonNode offer : quote.path("offers")) {
            if (offer.path("kind").asString().equals(kind)) {
                return Optional.of(offer);
            }
        }
        return Optional.empty();
    }
}
