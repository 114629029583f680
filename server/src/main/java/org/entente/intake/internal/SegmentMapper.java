package org.entente.intake.internal;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a message of Segment's HTTP Tracking API as a native event: {@code messageId} is the event id, {@code userId}
 * the customerId, {@code anonymousId} the anonymousId, traits {@code email}/{@code phone} identifiers, {@code timestamp}
 * the occurredAt. Segment's e-commerce events become core types ({@code Order Completed} is a {@code purchase});
 * other track events become custom events named after them ({@code Signed Up} becomes {@code signed_up}). The result
 * goes through the same checks as a native event.
 */
@Component
public class SegmentMapper {

    private static final Map<String, String> TRACKED = Map.ofEntries(
            Map.entry("Order Completed", "purchase"),
            Map.entry("Order Refunded", "return"),
            Map.entry("Product Viewed", "product_view"),
            Map.entry("Product Added", "cart_add"),
            Map.entry("Product Added to Wishlist", "wishlist_add"),
            Map.entry("Product Removed from Wishlist", "wishlist_remove"),
            Map.entry("Signed Up", "sign_up"),
            Map.entry("Email Opened", "email_open"),
            Map.entry("Email Link Clicked", "email_click"),
            Map.entry("Unsubscribed", "unsubscribe"));
    private static final Set<String> CHANNELS = Set.of("web", "app", "store", "call_center", "email", "sms", "social",
            "chat", "partner", "other");

    private final JsonMapper json;

    SegmentMapper(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param type    the message type ({@code identify}, {@code track}...), from the path or the message itself
     * @param context the batch's context, merged under the message's own
     */
    public JsonNode toEvent(String type, JsonNode message, JsonNode context) {
        if (!message.isObject()) {
            return message; // refused by the validator as not_an_object
        }
        ObjectNode event = json.createObjectNode();
        copyText(message, "messageId", event, "id");
        copyText(message, "timestamp", event, "occurredAt");
        JsonNode ctx = merged(context, message.get("context"));
        ObjectNode identifiers = event.putObject("identifiers");
        copyText(message, "userId", identifiers, "customerId");
        copyText(message, "anonymousId", identifiers, "anonymousId");
        // A group's traits describe the company, not the person: only the context's traits identify them.
        JsonNode traits = "identify".equals(type) ? message.get("traits") : ctx.get("traits");
        if (traits != null && traits.isObject()) {
            copyText(traits, "email", identifiers, "email");
            copyText(traits, "phone", identifiers, "phone");
        }
        JsonNode device = ctx.get("device");
        if (device != null && device.isObject()) {
            copyText(device, "id", identifiers, "deviceId");
        }
        ObjectNode properties = json.createObjectNode();
        JsonNode given = message.get("properties");
        if (given != null && given.isObject()) {
            properties.setAll((ObjectNode) given);
        }
        String eventType = switch (type) {
            case "identify" -> {
                properties.set("traits", traits(message.get("traits"), ctx));
                yield "identify";
            }
            case "page" -> {
                copyText(message, "name", properties, "name");
                yield "page_view";
            }
            case "screen" -> {
                copyText(message, "name", properties, "name");
                yield "screen_view";
            }
            case "alias" -> {
                copyText(message, "previousId", identifiers, "anonymousId");
                yield "alias";
            }
            case "group" -> {
                copyText(message, "groupId", properties, "groupId");
                JsonNode groupTraits = message.get("traits");
                if (groupTraits != null && groupTraits.isObject()) {
                    properties.set("traits", groupTraits);
                }
                yield "group";
            }
            case "track" -> track(message, properties);
            default -> type;
        };
        event.put("type", eventType);
        event.put("channel", channel(type, ctx, properties));
        JsonNode campaign = ctx.get("campaign");
        if (campaign != null && campaign.isObject()) {
            copyText(campaign, "source", properties, "utm_source");
            copyText(campaign, "name", properties, "utm_campaign");
        }
        event.set("properties", properties);
        return event;
    }

    private String track(JsonNode message, ObjectNode properties) {
        JsonNode name = message.get("event");
        if (name == null || !name.isString()) {
            return "track"; // refused below: a track without its event name says nothing
        }
        String mapped = TRACKED.get(name.stringValue());
        if (mapped == null) {
            return name.stringValue().strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]+", "_")
                    .replaceAll("^_+|_+$", "");
        }
        switch (mapped) {
            case "purchase", "return" -> {
                rename(properties, "order_id", "orderId");
                if (!properties.has("total") && properties.has("revenue")) {
                    properties.set("total", properties.get("revenue"));
                }
                properties.remove("revenue");
                if ("return".equals(mapped) && properties.has("total")) {
                    properties.set("amount", properties.remove("total"));
                }
                JsonNode products = properties.remove("products");
                if (products != null && products.isArray()) {
                    ArrayNode items = properties.putArray("items");
                    for (JsonNode product : products) {
                        items.add(product.isObject() ? item(product) : product);
                    }
                }
            }
            default -> {
                if (!properties.has("sku") && properties.has("product_id")) {
                    properties.set("sku", properties.get("product_id"));
                }
            }
        }
        return mapped;
    }

    private ObjectNode item(JsonNode product) {
        ObjectNode item = json.createObjectNode();
        JsonNode sku = product.has("sku") ? product.get("sku") : product.get("product_id");
        if (sku != null) {
            item.set("sku", sku);
        }
        for (String field : new String[]{"name", "brand", "category", "quantity"}) {
            if (product.has(field)) {
                item.set(field, product.get(field));
            }
        }
        if (product.has("price")) {
            item.set("unitPrice", product.get("price"));
        }
        return item;
    }

    private ObjectNode traits(JsonNode given, JsonNode ctx) {
        ObjectNode traits = json.createObjectNode();
        if (given != null && given.isObject()) {
            for (var entry : given.properties()) {
                String key = switch (entry.getKey()) {
                    case "first_name", "firstName" -> "firstName";
                    case "last_name", "lastName" -> "lastName";
                    case "birthday", "birthDate" -> "birthDate";
                    default -> entry.getKey();
                };
                if ("birthDate".equals(key) && entry.getValue().isString() && entry.getValue().stringValue().length() > 10) {
                    traits.put(key, entry.getValue().stringValue().substring(0, 10)); // Segment sends a date-time
                } else {
                    traits.set(key, entry.getValue());
                }
            }
        }
        copyText(ctx, "locale", traits, "locale");
        copyText(ctx, "timezone", traits, "timezone");
        return traits;
    }

    private static String channel(String type, JsonNode ctx, ObjectNode properties) {
        JsonNode explicit = properties.get("channel");
        if (explicit != null && explicit.isString() && CHANNELS.contains(explicit.stringValue())) {
            return explicit.stringValue();
        }
        if ("screen".equals(type)) {
            return "app";
        }
        JsonNode device = ctx.get("device");
        JsonNode os = ctx.get("os");
        boolean mobile = Set.of("ios", "android").contains(text(device, "type"))
                || Set.of("ios", "android", "iphone os").contains(text(os, "name"));
        return mobile ? "app" : "web";
    }

    /** A string field of an object, lower-cased; empty when absent or not a string. */
    private static String text(JsonNode node, String name) {
        JsonNode value = node != null && node.isObject() ? node.get(name) : null;
        return value != null && value.isString() ? value.stringValue().toLowerCase(Locale.ROOT) : "";
    }

    private JsonNode merged(JsonNode batchContext, JsonNode own) {
        ObjectNode ctx = json.createObjectNode();
        if (batchContext != null && batchContext.isObject()) {
            ctx.setAll((ObjectNode) batchContext);
        }
        if (own != null && own.isObject()) {
            ctx.setAll((ObjectNode) own);
        }
        return ctx;
    }

    private static void rename(ObjectNode node, String from, String to) {
        if (node.has(from) && !node.has(to)) {
            node.set(to, node.remove(from));
        }
    }

    private static void copyText(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode value = from.get(name);
        if (value != null && !value.isNull() && (value.isString() || value.isNumber())) {
            to.set(as, value);
        }
    }
}
