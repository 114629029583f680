package org.entente.bench.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event as {@code POST /api/v1/events} takes it; serialised with {@link org.entente.bench.http.Json#MAPPER}.
 *
 * @param id          the client's id, unique in the run: the server deduplicates on it
 * @param type        what happened
 * @param occurredAt  when it happened, in the past
 * @param channel     where it happened: {@code web}, {@code app} or {@code store}
 * @param identifiers who did it, at least one identifier
 * @param properties  the details of the type
 */
record Event(String id, Type type, Instant occurredAt, String channel, Identifiers identifiers,
             Properties properties) {

    Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(identifiers, "identifiers");
        Objects.requireNonNull(properties, "properties");
    }

    /** The request body: up to 1000 events. */
    record Batch(List<Event> events) {
    }

    enum Type {
        PURCHASE("purchase"),
        PAGE_VIEW("page_view"),
        IDENTIFY("identify");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        String wireName() {
            return wireName;
        }
    }

    /** The identifiers an event carries; absent ones are left out of the JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Identifiers(String customerId, String email, String anonymousId) {

        Identifiers {
            if (customerId == null && email == null && anonymousId == null) {
                throw new IllegalArgumentException("an event carries at least one identifier");
            }
        }
    }

    sealed interface Properties permits Purchase, PageView, Identify {
    }

    /** A paid order; {@code total} is the sum of the items' quantity × unit price. {@code store} is null online. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Purchase(String orderId, BigDecimal total, String currency, String store, List<Item> items)
            implements Properties {
    }

    record Item(String sku, String name, String brand, String category, int quantity, BigDecimal unitPrice) {
    }

    record PageView(String url, String title) implements Properties {
    }

    record Identify(Traits traits) implements Properties {
    }

    /**
     * What a person tells about themselves when they sign in.
     *
     * @param locale   BCP 47, e.g. {@code fr-FR}
     * @param timezone IANA, e.g. {@code Europe/Paris}
     */
    record Traits(String firstName, String lastName, String locale, String timezone) {
    }
}
