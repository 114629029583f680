package org.entente.checkout.internal;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.entente.checkout.db.Tables.CHECKOUT_QUOTE;

/** Quotes, in the caller's transaction. */
@Component
class QuoteStore {

    enum State {
        OPEN, CONFIRMED, CANCELLED, EXPIRED;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    record Row(UUID id, UUID personId, State state, Instant createdAt, Instant expiresAt, long points, UUID holdId,
               String orderId, StoredQuote content) {

        Row held(UUID hold) {
            return new Row(id, personId, state, createdAt, expiresAt, points, hold, orderId, content);
        }
    }

    private final DSLContext db;
    private final JsonMapper json;

    QuoteStore(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    void insert(Row row) {
        db.insertInto(CHECKOUT_QUOTE)
                .set(CHECKOUT_QUOTE.ID, row.id())
                .set(CHECKOUT_QUOTE.PERSON_ID, row.personId())
                .set(CHECKOUT_QUOTE.STATE, row.state().code())
                .set(CHECKOUT_QUOTE.CREATED_AT, row.createdAt())
                .set(CHECKOUT_QUOTE.EXPIRES_AT, row.expiresAt())
                .set(CHECKOUT_QUOTE.POINTS, row.points())
                .set(CHECKOUT_QUOTE.HOLD_ID, row.holdId())
                .set(CHECKOUT_QUOTE.CONTENT, json.writeValueAsString(row.content()))
                .execute();
    }

    Optional<Row> lock(UUID id) {
        return db.selectFrom(CHECKOUT_QUOTE).where(CHECKOUT_QUOTE.ID.eq(id)).forUpdate().fetchOptional(this::row);
    }

    /** The quote that confirmed this order, if one did. */
    Optional<UUID> confirmedOrder(String orderId) {
        return db.select(CHECKOUT_QUOTE.ID).from(CHECKOUT_QUOTE).where(CHECKOUT_QUOTE.ORDER_ID.eq(orderId))
                .fetchOptional(CHECKOUT_QUOTE.ID);
    }

    void confirm(UUID id, String orderId, Instant at, StoredQuote content) {
        db.update(CHECKOUT_QUOTE)
                .set(CHECKOUT_QUOTE.STATE, State.CONFIRMED.code())
                .set(CHECKOUT_QUOTE.ORDER_ID, orderId)
                .set(CHECKOUT_QUOTE.CONFIRMED_AT, at)
                .set(CHECKOUT_QUOTE.CONTENT, json.writeValueAsString(content))
                .where(CHECKOUT_QUOTE.ID.eq(id)).execute();
    }

    void close(UUID id, State state) {
        db.update(CHECKOUT_QUOTE).set(CHECKOUT_QUOTE.STATE, state.code()).where(CHECKOUT_QUOTE.ID.eq(id)).execute();
    }

    /** Open quotes past their expiry, oldest first. */
    List<UUID> expired(Instant now, int limit) {
        return db.select(CHECKOUT_QUOTE.ID).from(CHECKOUT_QUOTE)
                .where(CHECKOUT_QUOTE.STATE.eq(State.OPEN.code())).and(CHECKOUT_QUOTE.EXPIRES_AT.le(now))
                .orderBy(CHECKOUT_QUOTE.EXPIRES_AT).limit(limit).fetch(CHECKOUT_QUOTE.ID);
    }

    /** Deletes the quotes closed before {@code before}: they are kept a while so that confirms can be replayed. */
    int purge(Instant before) {
        return db.deleteFrom(CHECKOUT_QUOTE).where(CHECKOUT_QUOTE.STATE.ne(State.OPEN.code()))
                .and(CHECKOUT_QUOTE.EXPIRES_AT.lt(before)).execute();
    }

    private Row row(org.entente.checkout.db.tables.records.CheckoutQuoteRecord r) {
        return new Row(r.getId(), r.getPersonId(), State.of(r.getState()), r.getCreatedAt(), r.getExpiresAt(),
                r.getPoints(), r.getHoldId(), r.getOrderId(), json.readValue(r.getContent(), StoredQuote.class));
    }
}
