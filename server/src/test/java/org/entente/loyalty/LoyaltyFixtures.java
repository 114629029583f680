package org.entente.loyalty;

import org.entente.support.ApiIT;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the loyalty tests share: a known program in force before each test, and customers who buy, return and
 * complain through the events API, as tills do.
 */
abstract class LoyaltyFixtures extends ApiIT {

    @Autowired
    protected Loyalty loyalty;

    /** The program each test starts and leaves with: Entente's default, whatever a test saved. */
    @BeforeEach
    @org.junit.jupiter.api.AfterEach
    void defaultProgram() {
        use(Program.defaults());
    }

    protected Program use(Program program) {
        return loyalty.saveProgram(program, Optional.empty());
    }

    protected ObjectNode event(String type, String customer) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "it-" + UUID.randomUUID());
        event.put("type", type);
        event.put("channel", "store");
        event.putObject("identifiers").put("customerId", customer);
        event.putObject("properties");
        return event;
    }

    /** A purchase now (the clock's now) of one line at {@code total}. */
    protected ObjectNode purchase(String customer, String orderId, String total) {
        ObjectNode event = event("purchase", customer);
        ObjectNode properties = (ObjectNode) event.get("properties");
        properties.put("orderId", orderId).put("total", new BigDecimal(total)).put("currency", "EUR")
                .put("store", "paris-01");
        properties.putArray("items").addObject().put("sku", "SKU-1").put("brand", "Acme").put("category", "home")
                .put("quantity", 1).put("unitPrice", new BigDecimal(total));
        return event;
    }

    protected ObjectNode returned(String customer, String orderId, String amount) {
        ObjectNode event = event("return", customer);
        ((ObjectNode) event.get("properties")).put("orderId", orderId).put("amount", new BigDecimal(amount))
                .put("currency", "EUR");
        return event;
    }

    protected ObjectNode complaint(String customer, String orderId) {
        ObjectNode event = event("complaint", customer);
        ((ObjectNode) event.get("properties")).put("orderId", orderId).put("reason", "arrived broken");
        return event;
    }

    protected String personOf(String customer) {
        HttpResponse<String> response = get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("id").asString();
    }

    protected JsonNode status(String customer) {
        return status(customer, "en");
    }

    protected JsonNode status(String customer, String language) {
        HttpResponse<String> response = send(request("/api/v1/profiles/" + personOf(customer) + "/loyalty",
                BOOTSTRAP_KEY).header("Accept-Language", language).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    protected String tier(String customer) {
        JsonNode tier = status(customer).path("tier");
        return tier.isNull() ? null : tier.path("code").asString();
    }

    protected long balance(String customer) {
        return status(customer).path("points").path("balance").asLong();
    }

    protected List<JsonNode> ledger(String customer) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        String before = null;
        do {
            JsonNode page = json(get("/api/v1/profiles/" + personOf(customer) + "/loyalty/ledger?limit=3"
                    + (before == null ? "" : "&before=" + before), BOOTSTRAP_KEY));
            page.path("items").forEach(entries::add);
            before = page.path("next").isNull() ? null : page.path("next").asString();
        } while (before != null);
        return entries;
    }

    protected List<JsonNode> timeline(String customer, String type) {
        JsonNode page = json(get("/api/v1/profiles/" + personOf(customer) + "/timeline?type=" + type,
                BOOTSTRAP_KEY));
        List<JsonNode> entries = new java.util.ArrayList<>();
        page.path("items").forEach(entries::add);
        return entries;
    }

    protected MaintenanceReport maintenance() {
        return loyalty.runMaintenance();
    }

    protected static Map<String, Object> map(Object... pairs) {
        java.util.LinkedHashMap<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    protected static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
