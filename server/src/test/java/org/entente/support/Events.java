package org.entente.support;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds native events for tests. */
public final class Events {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Events() {
    }

    public static ObjectNode event(String type, Map<String, ?> identifiers) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "it-" + UUID.randomUUID());
        event.put("type", type);
        event.put("channel", "web");
        event.set("identifiers", JSON.valueToTree(identifiers));
        event.putObject("properties");
        return event;
    }

    public static ObjectNode purchase(Map<String, ?> identifiers, String orderId, String total, String occurredAt) {
        ObjectNode event = event("purchase", identifiers);
        event.put("channel", "store");
        event.put("occurredAt", occurredAt);
        ObjectNode properties = event.putObject("properties");
        properties.put("orderId", orderId);
        properties.put("total", new java.math.BigDecimal(total));
        properties.put("currency", "EUR");
        properties.put("store", "paris-01");
        properties.putArray("items").addObject().put("sku", "SKU-1").put("name", "Thing").put("brand", "Acme")
                .put("category", "home").put("quantity", 1).put("unitPrice", new java.math.BigDecimal(total));
        return event;
    }

    public static String batch(List<ObjectNode> events) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("events").addAll(events);
        return JSON.writeValueAsString(body);
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
