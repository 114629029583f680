package org.entente.checkout.internal;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.entente.checkout.db.Tables.CHECKOUT_PERSON;
import static org.entente.checkout.db.Tables.CHECKOUT_RETURN;
import static org.entente.checkout.db.Tables.CHECKOUT_REWARD;
import static org.jooq.impl.DSL.any;

/** The per-person states, the rewards granted and the returns applied. In the caller's transaction. */
@Component
public class CheckoutStore {

    private final DSLContext db;
    private final JsonMapper json;

    CheckoutStore(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    static final String PERSON = "person";
    static final String STATE = "checkout_state";

    /**
     * Who the customer is and what a quote needs of them, in one query: the person {@code recognition} finds, their
     * state, and the {@code others} fields (another module's reading of the same person).
     *
     * @return empty when nobody is recognised
     */
    Optional<org.jooq.Record> recognise(Field<UUID> recognition, Function<Field<UUID>, List<Field<?>>> others) {
        Table<?> who = DSL.select(recognition.as(PERSON)).asTable("who");
        Field<UUID> person = who.field(PERSON, UUID.class);
        List<Field<?>> fields = new ArrayList<>();
        fields.add(person);
        fields.add(DSL.field(DSL.select(CHECKOUT_PERSON.STATE).from(CHECKOUT_PERSON)
                .where(CHECKOUT_PERSON.PERSON_ID.eq(person))).as(STATE));
        fields.addAll(others.apply(person));
        org.jooq.Record row = db.select(fields).from(who).fetchOne();
        return row == null || row.get(PERSON) == null ? Optional.empty() : Optional.of(row);
    }

    /** The state in a row of {@link #recognise}: empty for a person checkout knows nothing of yet. */
    CustomerState stateOf(org.jooq.Record row) {
        String state = row.get(STATE, String.class);
        return state == null ? CustomerState.empty() : read(state);
    }

    /** The person's state (empty when checkout knows nothing of them yet). */
    public CustomerState state(UUID person) {
        return db.select(CHECKOUT_PERSON.STATE).from(CHECKOUT_PERSON).where(CHECKOUT_PERSON.PERSON_ID.eq(person))
                .fetchOptional(CHECKOUT_PERSON.STATE).map(this::read).orElseGet(CustomerState::empty);
    }

    /** Locks the states of these persons that exist, in id order, and reads them. */
    Map<UUID, CustomerState> lock(Collection<UUID> persons) {
        Map<UUID, CustomerState> states = new LinkedHashMap<>();
        if (persons.isEmpty()) {
            return states;
        }
        db.select(CHECKOUT_PERSON.PERSON_ID, CHECKOUT_PERSON.STATE).from(CHECKOUT_PERSON)
                .where(CHECKOUT_PERSON.PERSON_ID.eq(any(persons.toArray(UUID[]::new))))
                .orderBy(CHECKOUT_PERSON.PERSON_ID).forUpdate()
                .forEach(row -> states.put(row.value1(), read(row.value2())));
        return states;
    }

    /** Writes states: {@code created} ones are inserted, the others updated. One batched statement each. */
    void write(Map<UUID, CustomerState> states, Collection<UUID> created, Instant now) {
        var inserts = db.batch(db.insertInto(CHECKOUT_PERSON, CHECKOUT_PERSON.PERSON_ID, CHECKOUT_PERSON.UPDATED_AT,
                CHECKOUT_PERSON.STATE).values((UUID) null, null, null));
        var updates = db.batch(db.update(CHECKOUT_PERSON).set(CHECKOUT_PERSON.UPDATED_AT, (Instant) null)
                .set(CHECKOUT_PERSON.STATE, (String) null).where(CHECKOUT_PERSON.PERSON_ID.eq((UUID) null)));
        boolean anyInsert = false;
        boolean anyUpdate = false;
        for (Map.Entry<UUID, CustomerState> entry : states.entrySet()) {
            String state = json.writeValueAsString(entry.getValue());
            if (created.contains(entry.getKey())) {
                inserts.bind(entry.getKey(), now, state);
                anyInsert = true;
            } else {
                updates.bind(now, state, entry.getKey());
                anyUpdate = true;
            }
        }
        if (anyInsert) {
            inserts.execute();
        }
        if (anyUpdate) {
            updates.execute();
        }
    }

    void delete(Collection<UUID> persons) {
        if (!persons.isEmpty()) {
            db.deleteFrom(CHECKOUT_PERSON).where(CHECKOUT_PERSON.PERSON_ID.eq(any(persons.toArray(UUID[]::new))))
                    .execute();
        }
    }

    /**
     * The SKUs of the persons whose state changed since {@code since}, at most {@code limit} persons, one person at a
     * time, their most recently bought SKUs first: what recommendations learn from.
     */
    void skusSince(Instant since, int limit, Consumer<Collection<String>> person) {
        try (var rows = db.select(CHECKOUT_PERSON.STATE).from(CHECKOUT_PERSON)
                .where(CHECKOUT_PERSON.UPDATED_AT.ge(since)).limit(limit).fetchSize(1000).fetchLazy()) {
            for (var row : rows) {
                person.accept(read(row.value1()).skus().entrySet().stream()
                        .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(CustomerState.Sku::at,
                                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))))
                        .map(Map.Entry::getKey).toList());
            }
        }
    }

    private CustomerState read(String state) {
        return json.readValue(state, CustomerState.class);
    }

    // --- rewards ------------------------------------------------------------------------------------------------

    /** A reward of an nth-purchase offer on one line of a confirmed order. */
    public record Reward(String orderId, UUID offerId, String sku, UUID personId, int units, int returned,
                         long points) {
    }

    void insertRewards(List<Reward> rewards) {
        if (rewards.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(CHECKOUT_REWARD, CHECKOUT_REWARD.ORDER_ID, CHECKOUT_REWARD.OFFER_ID,
                CHECKOUT_REWARD.SKU, CHECKOUT_REWARD.PERSON_ID, CHECKOUT_REWARD.UNITS, CHECKOUT_REWARD.RETURNED,
                CHECKOUT_REWARD.POINTS).values((String) null, null, null, null, null, null, null));
        for (Reward r : rewards) {
            insert.bind(r.orderId(), r.offerId(), r.sku(), r.personId(), r.units(), r.returned(), r.points());
        }
        insert.execute();
    }

    /** The rewards of an order, locked. */
    List<Reward> lockRewards(String orderId) {
        return db.selectFrom(CHECKOUT_REWARD).where(CHECKOUT_REWARD.ORDER_ID.eq(orderId))
                .orderBy(CHECKOUT_REWARD.OFFER_ID, CHECKOUT_REWARD.SKU).forUpdate()
                .fetch(r -> new Reward(r.getOrderId(), r.getOfferId(), r.getSku(), r.getPersonId(), r.getUnits(),
                        r.getReturned(), r.getPoints()));
    }

    void setReturned(Reward reward, int returned) {
        db.update(CHECKOUT_REWARD).set(CHECKOUT_REWARD.RETURNED, returned)
                .where(CHECKOUT_REWARD.ORDER_ID.eq(reward.orderId()))
                .and(CHECKOUT_REWARD.OFFER_ID.eq(reward.offerId()))
                .and(CHECKOUT_REWARD.SKU.eq(reward.sku())).execute();
    }

    /** @return false when this return was already applied */
    boolean firstTime(String returnKey, String orderId, Instant now) {
        return db.insertInto(CHECKOUT_RETURN).set(CHECKOUT_RETURN.RETURN_KEY, returnKey)
                .set(CHECKOUT_RETURN.ORDER_ID, orderId).set(CHECKOUT_RETURN.RECORDED_AT, now)
                .onConflictDoNothing().execute() == 1;
    }
}
