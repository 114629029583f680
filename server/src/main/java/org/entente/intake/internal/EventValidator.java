package org.entente.intake.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.platform.Money;
import org.entente.profile.Channel;
import org.entente.profile.EventFacts;
import org.entente.profile.Identifier;
import org.entente.profile.IdentifierNormaliser;
import org.entente.profile.IdentifierType;
import org.entente.profile.IncomingEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one event as sent (native shape) and turns it into an {@link IncomingEvent}, or says precisely why not.
 * Core types have their properties checked; any other type matching {@code [a-z][a-z0-9_.]{0,63}} is a custom event
 * with free properties.
 */
@Component
public class EventValidator {

    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    static final int MAX_PROPERTIES_CHARS = 64 * 1024;
    static final int MAX_ITEMS = 500;
    private static final int MAX_PAYLOAD_CHARS = 16_000;
    private static final int MAX_ID_LENGTH = 128;
    private static final int MAX_TEXT = 500;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
    /** The channels a person can be contacted through (outreach's), as an unsubscribe names them. */
    private static final Pattern CONTACT_CHANNEL = Pattern.compile("email|sms|push|phone|post|whatsapp");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern ID = Pattern.compile("[^\\p{Cntrl}]{1," + MAX_ID_LENGTH + "}");
    private static final Set<String> EVENT_FIELDS = Set.of("id", "type", "occurredAt", "channel", "identifiers",
            "properties");

    private final IdentifierNormaliser normaliser;
    private final JsonMapper json;
    private final Clock clock;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    EventValidator(IdentifierNormaliser normaliser, JsonMapper json, Clock clock) {
        this.normaliser = normaliser;
        this.json = json;
        this.clock = clock;
    }

    /** Thrown inside validation only: the first fault found. */
    private static final class Invalid extends RuntimeException {
        final transient Rejection rejection;

        Invalid(String code, String field) {
            this(new Rejection(code, field, null));
        }

        Invalid(String code, String field, String arg) {
            this(new Rejection(code, field, arg));
        }

        Invalid(Rejection rejection) {
            super(rejection.code(), null, false, false);
            this.rejection = rejection;
        }
    }

    public CheckedEvent check(JsonNode node) {
        String id = null;
        String type = null;
        try {
            if (node == null || !node.isObject()) {
                throw new Invalid("not_an_object", null);
            }
            JsonNode idNode = node.get("id");
            if (idNode != null && !idNode.isNull()) {
                if (!idNode.isString() || !ID.matcher(idNode.stringValue()).matches()
                        || idNode.stringValue().isBlank()) {
                    throw new Invalid("invalid_id", "id");
                }
                id = idNode.stringValue();
            }
            JsonNode typeNode = node.get("type");
            if (typeNode == null || typeNode.isNull()) {
                throw new Invalid("missing_type", "type");
            }
            if (!typeNode.isString() || !TYPE.matcher(typeNode.stringValue()).matches()) {
                throw new Invalid("invalid_type", "type");
            }
            type = typeNode.stringValue();
            for (var field : node.properties()) {
                if (!EVENT_FIELDS.contains(field.getKey())) {
                    throw new Invalid("unknown_field", truncate(field.getKey()));
                }
            }
            Instant occurredAt = occurredAt(node.get("occurredAt"));
            Channel channel = channel(node.get("channel"));
            List<Identifier> identifiers = identifiers(node.get("identifiers"));
            JsonNode properties = node.get("properties");
            if (properties == null || properties.isNull()) {
                properties = json.createObjectNode();
            } else if (!properties.isObject()) {
                throw new Invalid("invalid_properties", "properties");
            }
            String propertiesJson = json.writeValueAsString(properties);
            if (propertiesJson.length() > MAX_PROPERTIES_CHARS) {
                throw new Invalid("properties_too_large", "properties", Integer.toString(MAX_PROPERTIES_CHARS));
            }
            EventFacts facts = facts(type, properties, occurredAt);
            Optional<String> source = text(properties, "utm_source");
            Optional<String> campaign = text(properties, "utm_campaign");
            return new CheckedEvent.Valid(new IncomingEvent(id != null ? id : ids.generate().toString(), type,
                    occurredAt, channel, identifiers, propertiesJson, facts,
                    source.isPresent() ? source : text(properties, "source"),
                    campaign.isPresent() ? campaign : text(properties, "campaign")));
        } catch (Invalid invalid) {
            return new CheckedEvent.Rejected(id, type, invalid.rejection, payload(node));
        }
    }

    private String payload(JsonNode node) {
        if (node == null) {
            return null;
        }
        String text = json.writeValueAsString(node);
        if (text.length() <= MAX_PAYLOAD_CHARS) {
            return text;
        }
        // Too large to keep whole: keep valid JSON that still says which event it was.
        var summary = json.createObjectNode().put("truncated", true).put("length", text.length());
        if (node.isObject() && node.get("id") != null && node.get("id").isString()
                && node.get("id").stringValue().length() <= MAX_ID_LENGTH) {
            summary.put("id", node.get("id").stringValue());
        }
        return json.writeValueAsString(summary);
    }

    private Instant occurredAt(JsonNode node) {
        Instant now = clock.instant();
        if (node == null || node.isNull()) {
            return now;
        }
        Instant at;
        try {
            at = node.isString() ? OffsetDateTime.parse(node.stringValue()).toInstant() : null;
        } catch (DateTimeException e) {
            at = null;
        }
        if (at == null || at.isBefore(EARLIEST)) {
            throw new Invalid("invalid_occurred_at", "occurredAt");
        }
        if (at.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new Invalid("occurred_at_in_future", "occurredAt");
        }
        return at;
    }

    private static Channel channel(JsonNode node) {
        if (node == null || node.isNull()) {
            return Channel.OTHER;
        }
        if (!node.isString()) {
            throw new Invalid("unknown_channel", "channel");
        }
        return Channel.fromCode(node.stringValue())
                .orElseThrow(() -> new Invalid("unknown_channel", "channel", truncate(node.stringValue())));
    }

    private List<Identifier> identifiers(JsonNode node) {
        if (node == null || node.isNull() || (node.isObject() && node.isEmpty())) {
            throw new Invalid("missing_identifiers", "identifiers");
        }
        if (!node.isObject()) {
            throw new Invalid("invalid_identifiers", "identifiers");
        }
        List<Identifier> identifiers = new ArrayList<>();
        boolean blocked = false;
        for (var entry : node.properties()) {
            String field = "identifiers." + truncate(entry.getKey());
            IdentifierType type = IdentifierType.fromCode(entry.getKey())
                    .orElseThrow(() -> new Invalid("unknown_identifier_type", field));
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isString() && !value.isIntegralNumber()) {
                throw new Invalid("invalid_identifier", field);
            }
            switch (normaliser.normalise(type, value.asString())) {
                case IdentifierNormaliser.Result.Valid(Identifier identifier) -> identifiers.add(identifier);
                case IdentifierNormaliser.Result.Invalid(String why) -> throw new Invalid("invalid_identifier", field,
                        why);
                case IdentifierNormaliser.Result.Blocked b -> blocked = true;
            }
        }
        if (identifiers.isEmpty()) {
            throw new Invalid(blocked ? "blocked_identifier" : "missing_identifiers", "identifiers");
        }
        return identifiers;
    }

    private EventFacts facts(String type, JsonNode p, Instant occurredAt) {
        return switch (type) {
            case "purchase" -> purchase(p);
            case "return" -> returned(p);
            case "identify" -> identify(p.has("traits") ? objectAt(p, "traits", "properties.traits") : p,
                    p.has("traits") ? "properties.traits" : "properties", occurredAt);
            case "product_view", "cart_add" -> {
                requiredText(p, "sku", "properties.sku");
                optionalQuantity(p, "quantity", "properties.quantity");
                yield new EventFacts.Interaction();
            }
            case "wishlist_add", "wishlist_remove" -> {
                String sku = requiredText(p, "sku", "properties.sku");
                optionalQuantity(p, "quantity", "properties.quantity");
                yield new EventFacts.Wishlist(sku, optionalText(p, "name", "properties.name", MAX_TEXT),
                        type.equals("wishlist_add"));
            }
            case "page_view" -> {
                optionalText(p, "url", "properties.url", 2048);
                optionalText(p, "title", "properties.title", MAX_TEXT);
                yield new EventFacts.Interaction();
            }
            case "unsubscribe" -> {
                contactFields(p);
                Optional<String> channel = optionalText(p, "channel", "properties.channel", 20);
                if (channel.isPresent() && !CONTACT_CHANNEL.matcher(channel.get()).matches()) {
                    throw new Invalid("invalid_property", "properties.channel");
                }
                yield new EventFacts.Unsubscribe(channel, optionalText(p, "topic", "properties.topic", MAX_TEXT));
            }
            case "email_open", "email_click", "sign_up", "store_visit", "call", "message_received" -> {
                contactFields(p);
                yield new EventFacts.Interaction();
            }
            case "complaint" -> {
                contactFields(p);
                yield new EventFacts.Complaint(optionalText(p, "orderId", "properties.orderId", MAX_TEXT));
            }
            default -> new EventFacts.Interaction();
        };
    }

    private static void contactFields(JsonNode p) {
        for (String field : List.of("campaign", "store", "topic", "subject", "reason")) {
            optionalText(p, field, "properties." + field, MAX_TEXT);
        }
    }

    private EventFacts purchase(JsonNode p) {
        String orderId = requiredText(p, "orderId", "properties.orderId");
        Currency currency = currency(p);
        Money total = money(p.get("total"), currency, "properties.total", true);
        List<EventFacts.Item> items = items(p, currency);
        Optional<String> store = optionalText(p, "store", "properties.store", 200);
        return new EventFacts.Purchase(orderId, total, store, items);
    }

    private EventFacts returned(JsonNode p) {
        String orderId = requiredText(p, "orderId", "properties.orderId");
        Currency currency = currency(p);
        List<EventFacts.Item> items = items(p, currency);
        Money amount;
        if (p.has("amount")) {
            amount = money(p.get("amount"), currency, "properties.amount", true);
        } else if (p.has("items") && !p.get("items").isNull()) {
            amount = items.stream().map(EventFacts.Item::amount).reduce(Money.zero(currency), Money::plus);
        } else {
            throw new Invalid("missing_property", "properties.amount");
        }
        return new EventFacts.Return(orderId, amount, items, optionalText(p, "returnId", "properties.returnId", 200));
    }

    private List<EventFacts.Item> items(JsonNode p, Currency currency) {
        JsonNode items = p.get("items");
        if (items == null || items.isNull()) {
            return List.of();
        }
        if (!items.isArray()) {
            throw new Invalid("invalid_property", "properties.items");
        }
        if (items.size() > MAX_ITEMS) {
            throw new Invalid("too_many_items", "properties.items", Integer.toString(MAX_ITEMS));
        }
        List<EventFacts.Item> lines = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String path = "properties.items[" + i + "]";
            if (!item.isObject()) {
                throw new Invalid("invalid_property", path);
            }
            String sku = requiredText(item, "sku", path + ".sku");
            optionalText(item, "name", path + ".name", MAX_TEXT);
            Optional<String> brand = optionalText(item, "brand", path + ".brand", MAX_TEXT);
            Optional<String> category = optionalText(item, "category", path + ".category", MAX_TEXT);
            int quantity = optionalQuantity(item, "quantity", path + ".quantity").orElse(1);
            Money unitPrice = money(item.get("unitPrice"), currency, path + ".unitPrice", true);
            lines.add(new EventFacts.Item(sku, brand, category, quantity, unitPrice));
        }
        return lines;
    }

    private EventFacts identify(JsonNode traits, String path, Instant occurredAt) {
        Optional<String> firstName = optionalText(traits, "firstName", path + ".firstName", 200);
        Optional<String> lastName = optionalText(traits, "lastName", path + ".lastName", 200);
        Optional<String> locale = optionalText(traits, "locale", path + ".locale", 35).map(tag -> {
            try {
                Locale parsed = new Locale.Builder().setLanguageTag(tag).build();
                if (parsed.getLanguage().isEmpty()) {
                    throw new IllformedLocaleException("no language");
                }
                return parsed.toLanguageTag();
            } catch (IllformedLocaleException e) {
                throw new Invalid("invalid_property", path + ".locale");
            }
        });
        Optional<String> timeZone = optionalText(traits, "timezone", path + ".timezone", 64).map(zone -> {
            try {
                return ZoneId.of(zone).getId();
            } catch (DateTimeException e) {
                throw new Invalid("invalid_property", path + ".timezone");
            }
        });
        Optional<LocalDate> birthDate = optionalText(traits, "birthDate", path + ".birthDate", 10).map(date -> {
            try {
                LocalDate parsed = LocalDate.parse(date);
                if (parsed.isAfter(LocalDate.ofInstant(occurredAt, java.time.ZoneOffset.UTC))
                        || parsed.getYear() < 1900) {
                    throw new Invalid("invalid_property", path + ".birthDate");
                }
                return parsed;
            } catch (DateTimeException e) {
                throw new Invalid("invalid_property", path + ".birthDate");
            }
        });
        Optional<String> address = Optional.empty();
        JsonNode addressNode = traits.get("address");
        if (addressNode != null && !addressNode.isNull()) {
            if (!addressNode.isObject()) {
                throw new Invalid("invalid_property", path + ".address");
            }
            String text = json.writeValueAsString(addressNode);
            if (text.length() > 4000) {
                throw new Invalid("invalid_property", path + ".address");
            }
            address = Optional.of(text);
        }
        Map<String, Object> custom = new LinkedHashMap<>();
        for (var entry : traits.properties()) {
            if (!Set.of("firstName", "lastName", "locale", "timezone", "birthDate", "address", "email", "phone")
                    .contains(entry.getKey()) && entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                if (entry.getValue().isString() && CONTROL.matcher(entry.getValue().stringValue()).find()) {
                    throw new Invalid("control_characters", path + "." + truncate(entry.getKey()));
                }
                custom.put(truncate(entry.getKey()), json.treeToValue(entry.getValue(), Object.class));
            }
        }
        if (json.writeValueAsString(custom).length() > 8000) {
            throw new Invalid("properties_too_large", path, "8000");
        }
        return new EventFacts.Identify(firstName, lastName, locale, timeZone, birthDate, address, custom);
    }

    private static JsonNode objectAt(JsonNode p, String name, String path) {
        JsonNode node = p.get(name);
        if (!node.isObject()) {
            throw new Invalid("invalid_property", path);
        }
        return node;
    }

    private static Currency currency(JsonNode p) {
        String code = requiredText(p, "currency", "properties.currency");
        try {
            if (!code.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException(code);
            }
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new Invalid("invalid_currency", "properties.currency", truncate(code));
        }
    }

    private static Money money(JsonNode node, Currency currency, String path, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw new Invalid("missing_property", path);
            }
            return null;
        }
        BigDecimal amount;
        try {
            if (node.isNumber()) {
                amount = node.decimalValue();
            } else if (node.isString() && node.stringValue().length() <= 40) {
                amount = new BigDecimal(node.stringValue());
            } else {
                throw new NumberFormatException();
            }
            if (amount.signum() < 0 || amount.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
                throw new Invalid("invalid_amount", path);
            }
            return new Money(amount, currency);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Invalid("invalid_amount", path);
        } catch (IllegalArgumentException e) {
            throw new Invalid("invalid_amount", path, currency.getCurrencyCode());
        }
    }

    private static Optional<Integer> optionalQuantity(JsonNode p, String name, String path) {
        JsonNode node = p.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > 100_000) {
            throw new Invalid("invalid_quantity", path);
        }
        return Optional.of(node.intValue());
    }

    private static String requiredText(JsonNode p, String name, String path) {
        return optionalText(p, name, path, MAX_TEXT).orElseThrow(() -> new Invalid("missing_property", path));
    }

    private static Optional<String> optionalText(JsonNode p, String name, String path, int maxLength) {
        JsonNode node = p.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isString() && !node.isIntegralNumber()) {
            throw new Invalid("invalid_property", path);
        }
        String text = node.asString().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.length() > maxLength) {
            throw new Invalid("property_too_long", path, Integer.toString(maxLength));
        }
        if (CONTROL.matcher(text).find()) {
            throw new Invalid("control_characters", path);
        }
        return Optional.of(text);
    }

    private static Optional<String> text(JsonNode p, String name) {
        JsonNode node = p.get(name);
        if (node == null || !node.isString() || node.stringValue().isBlank()) {
            return Optional.empty();
        }
        String text = CONTROL.matcher(node.stringValue()).replaceAll("").strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(text.length() > 200 ? text.substring(0, 200) : text);
    }

    /** A name sent by the client, fit to be echoed back and stored: control characters replaced, length capped. */
    private static String truncate(String text) {
        String clean = CONTROL.matcher(text).replaceAll("?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
