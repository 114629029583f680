package org.entente.profile.internal;

import org.entente.profile.Identifier;
import org.entente.profile.IdentifierType;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.entente.profile.db.Tables.PROFILE_CONFLICT;
import static org.entente.profile.db.Tables.PROFILE_EVENT;
import static org.entente.profile.db.Tables.PROFILE_IDENTIFIER;
import static org.entente.profile.db.Tables.PROFILE_MERGE;
import static org.entente.profile.db.Tables.PROFILE_PERSON;
import static org.entente.profile.db.Tables.PROFILE_SEPARATION;
import static org.jooq.impl.DSL.any;

/**
 * The SQL of recording a batch. Lists of keys are bound as one array ({@code = any(?)}), not as {@code in (?, ?...)}:
 * the statement text stays the same whatever the batch, and PostgreSQL's cached plan for it probes the index for
 * each key instead of scanning the table.
 * <p>
 * The statements: a few set-based reads, then one batched statement per table. Every statement of a
 * batch runs in the caller's transaction.
 */
@Repository
class PersonWrites {

    private final DSLContext db;
    private final JsonMapper json;

    PersonWrites(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    record NewIdentifier(Identifier identifier, UUID personId, Instant createdAt, String eventId) {
    }

    record Merge(UUID id, UUID survivorId, UUID mergedId, Identifier identifier, String eventId, Instant at) {
    }

    record Conflict(UUID id, UUID personId, UUID otherPersonId, Identifier identifier, String reason, String eventId,
                    Instant at) {
    }

    record EventRow(String id, UUID personId, String type, String channel, Instant occurredAt, Instant receivedAt,
                    String identifiersJson, String propertiesJson) {
    }

    /**
     * On PostgreSQL, plans this transaction's statements for the keys they are given. A plan cached while the tables
     * were small (a sequential scan) would otherwise be kept as they grow, until the next ANALYZE, and make every
     * lookup of a busy day scan the table.
     */
    void planForTheseKeys() {
        if (db.dialect().family() == SQLDialect.POSTGRES) {
            db.execute("set local plan_cache_mode = force_custom_plan");
        }
    }

    Set<String> existingEventIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.select(PROFILE_EVENT.ID).from(PROFILE_EVENT).where(PROFILE_EVENT.ID.eq(any(ids.toArray(String[]::new))))
                .fetch(PROFILE_EVENT.ID));
    }

    /** A known identifier's person, and the root of that person's group when it was read (without a lock). */
    record Owner(UUID personId, UUID survivorId) {
    }

    /** The known identifiers among {@code identifiers}, with the person each belongs to (for ever). */
    Map<Identifier, Owner> owners(Collection<Identifier> identifiers) {
        Map<Identifier, Owner> owners = new HashMap<>();
        if (identifiers.isEmpty()) {
            return owners;
        }
        Map<String, Identifier> byKey = new HashMap<>();
        identifiers.forEach(identifier -> byKey.put(identifier.key(), identifier));
        db.select(PROFILE_IDENTIFIER.IDENTIFIER_KEY, PROFILE_IDENTIFIER.PERSON_ID, PROFILE_PERSON.SURVIVOR_ID)
                .from(PROFILE_IDENTIFIER)
                .join(PROFILE_PERSON).on(PROFILE_PERSON.ID.eq(PROFILE_IDENTIFIER.PERSON_ID))
                .where(PROFILE_IDENTIFIER.IDENTIFIER_KEY.eq(any(byKey.keySet().toArray(String[]::new))))
                .forEach(row -> owners.put(byKey.get(row.value1()), new Owner(row.value2(), row.value3())));
        return owners;
    }

    /**
     * Locks the rows of these persons, in id order so that two batches never wait for each other in a circle. Every
     * change to a group (events, merges, unmerges) locks its root first: this is how writes to one person are
     * serialised across threads and nodes.
     */
    List<PersonState> lock(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.selectFrom(PROFILE_PERSON).where(PROFILE_PERSON.ID.eq(any(ids.toArray(UUID[]::new)))).orderBy(PROFILE_PERSON.ID)
                .forUpdate().fetch().stream().map(this::person).toList();
    }

    /** The pairs of persons kept apart by an unmerge, among these persons, as "a b" strings in both orders. */
    Set<String> separations(Collection<UUID> personIds) {
        Set<String> pairs = new HashSet<>();
        if (personIds.isEmpty()) {
            return pairs;
        }
        db.select(PROFILE_SEPARATION.PERSON_ID, PROFILE_SEPARATION.OTHER_ID).from(PROFILE_SEPARATION)
                .where(PROFILE_SEPARATION.PERSON_ID.eq(any(personIds.toArray(UUID[]::new))))
                .forEach(row -> pairs.add(row.value1() + " " + row.value2()));
        return pairs;
    }

    /** How many identifiers of each type the groups of these roots have. */
    Map<UUID, EnumMap<IdentifierType, Integer>> identifierCounts(Collection<UUID> roots) {
        Map<UUID, EnumMap<IdentifierType, Integer>> counts = new HashMap<>();
        if (roots.isEmpty()) {
            return counts;
        }
        db.select(PROFILE_PERSON.SURVIVOR_ID, PROFILE_IDENTIFIER.IDENTIFIER_TYPE, DSL.count())
                .from(PROFILE_IDENTIFIER)
                .join(PROFILE_PERSON).on(PROFILE_PERSON.ID.eq(PROFILE_IDENTIFIER.PERSON_ID))
                .where(PROFILE_PERSON.SURVIVOR_ID.eq(any(roots.toArray(UUID[]::new))))
                .groupBy(PROFILE_PERSON.SURVIVOR_ID, PROFILE_IDENTIFIER.IDENTIFIER_TYPE)
                .fetch()
                .forEach(row -> counts.computeIfAbsent(row.value1(), root -> new EnumMap<>(IdentifierType.class))
                        .put(IdentifierType.fromCode(row.value2()).orElseThrow(), row.value3()));
        return counts;
    }

    void insertPersons(Collection<PersonState> persons) {
        if (persons.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(PROFILE_PERSON,
                PROFILE_PERSON.ID, PROFILE_PERSON.SURVIVOR_ID, PROFILE_PERSON.CREATED_AT, PROFILE_PERSON.UPDATED_AT,
                PROFILE_PERSON.FIRST_NAME, PROFILE_PERSON.LAST_NAME, PROFILE_PERSON.FIRST_NAME_KEY,
                PROFILE_PERSON.LAST_NAME_KEY, PROFILE_PERSON.LOCALE, PROFILE_PERSON.TIME_ZONE,
                PROFILE_PERSON.BIRTH_DATE, PROFILE_PERSON.ADDRESS, PROFILE_PERSON.ATTRIBUTES, PROFILE_PERSON.TRAITS_AT,
                PROFILE_PERSON.EVENTS_COUNT, PROFILE_PERSON.FIRST_SEEN_AT, PROFILE_PERSON.LAST_SEEN_AT,
                PROFILE_PERSON.FIRST_TOUCH_AT, PROFILE_PERSON.FIRST_TOUCH_CHANNEL, PROFILE_PERSON.FIRST_TOUCH_SOURCE,
                PROFILE_PERSON.FIRST_TOUCH_CAMPAIGN, PROFILE_PERSON.FIRST_PURCHASE_AT,
                PROFILE_PERSON.FIRST_PURCHASE_CHANNEL, PROFILE_PERSON.FIRST_PURCHASE_STORE,
                PROFILE_PERSON.LAST_PURCHASE_AT, PROFILE_PERSON.STATS)
                .values((UUID) null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null, null, null, null, null));
        Instant now = null;
        for (PersonState p : persons) {
            now = PersonState.max(now, p.createdAt);
            insert.bind(p.id, p.id, p.createdAt, p.createdAt, p.firstName, p.lastName, SearchKeys.of(p.firstName),
                    SearchKeys.of(p.lastName), p.locale, p.timeZone, p.birthDate, p.address, p.attributes,
                    p.traitsAt, p.eventsCount, p.firstSeenAt, p.lastSeenAt, p.firstTouchAt, p.firstTouchChannel,
                    p.firstTouchSource, p.firstTouchCampaign, p.firstPurchaseAt, p.firstPurchaseChannel,
                    p.firstPurchaseStore, p.lastPurchaseAt, json.writeValueAsString(p.stats));
        }
        insert.execute();
    }

    /** Writes what events changed; never the group columns, which only merges and unmerges change. */
    void updatePersons(Collection<PersonState> persons, Instant now) {
        if (persons.isEmpty()) {
            return;
        }
        var update = db.batch(db.update(PROFILE_PERSON)
                .set(PROFILE_PERSON.UPDATED_AT, (Instant) null)
                .set(PROFILE_PERSON.FIRST_NAME, (String) null)
                .set(PROFILE_PERSON.LAST_NAME, (String) null)
                .set(PROFILE_PERSON.FIRST_NAME_KEY, (String) null)
                .set(PROFILE_PERSON.LAST_NAME_KEY, (String) null)
                .set(PROFILE_PERSON.LOCALE, (String) null)
                .set(PROFILE_PERSON.TIME_ZONE, (String) null)
                .set(PROFILE_PERSON.BIRTH_DATE, (java.time.LocalDate) null)
                .set(PROFILE_PERSON.ADDRESS, (String) null)
                .set(PROFILE_PERSON.ATTRIBUTES, (String) null)
                .set(PROFILE_PERSON.TRAITS_AT, (Instant) null)
                .set(PROFILE_PERSON.EVENTS_COUNT, (Long) null)
                .set(PROFILE_PERSON.FIRST_SEEN_AT, (Instant) null)
                .set(PROFILE_PERSON.LAST_SEEN_AT, (Instant) null)
                .set(PROFILE_PERSON.FIRST_TOUCH_AT, (Instant) null)
                .set(PROFILE_PERSON.FIRST_TOUCH_CHANNEL, (String) null)
                .set(PROFILE_PERSON.FIRST_TOUCH_SOURCE, (String) null)
                .set(PROFILE_PERSON.FIRST_TOUCH_CAMPAIGN, (String) null)
                .set(PROFILE_PERSON.FIRST_PURCHASE_AT, (Instant) null)
                .set(PROFILE_PERSON.FIRST_PURCHASE_CHANNEL, (String) null)
                .set(PROFILE_PERSON.FIRST_PURCHASE_STORE, (String) null)
                .set(PROFILE_PERSON.LAST_PURCHASE_AT, (Instant) null)
                .set(PROFILE_PERSON.STATS, (String) null)
                .where(PROFILE_PERSON.ID.eq((UUID) null)));
        for (PersonState p : persons) {
            update.bind(now, p.firstName, p.lastName, SearchKeys.of(p.firstName), SearchKeys.of(p.lastName),
                    p.locale, p.timeZone, p.birthDate, p.address, p.attributes, p.traitsAt, p.eventsCount,
                    p.firstSeenAt, p.lastSeenAt, p.firstTouchAt, p.firstTouchChannel, p.firstTouchSource,
                    p.firstTouchCampaign, p.firstPurchaseAt, p.firstPurchaseChannel, p.firstPurchaseStore,
                    p.lastPurchaseAt, json.writeValueAsString(p.stats), p.id);
        }
        update.execute();
    }

    void insertIdentifiers(Collection<NewIdentifier> identifiers) {
        if (identifiers.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(PROFILE_IDENTIFIER, PROFILE_IDENTIFIER.IDENTIFIER_KEY,
                        PROFILE_IDENTIFIER.IDENTIFIER_TYPE, PROFILE_IDENTIFIER.IDENTIFIER_VALUE,
                        PROFILE_IDENTIFIER.PERSON_ID, PROFILE_IDENTIFIER.CREATED_AT, PROFILE_IDENTIFIER.EVENT_ID)
                .values((String) null, null, null, null, null, null));
        identifiers.forEach(i -> insert.bind(i.identifier().key(), i.identifier().type().code(),
                i.identifier().value(), i.personId(), i.createdAt(), i.eventId()));
        insert.execute();
    }

    /** Re-points the whole group of {@code merge.mergedId()} to the survivor, and records the merge. */
    void merge(List<Merge> merges) {
        for (Merge merge : merges) {
            db.update(PROFILE_PERSON).set(PROFILE_PERSON.SURVIVOR_ID, merge.survivorId())
                    .where(PROFILE_PERSON.SURVIVOR_ID.eq(merge.mergedId())).execute();
            db.update(PROFILE_PERSON).set(PROFILE_PERSON.MERGED_INTO, merge.survivorId())
                    .where(PROFILE_PERSON.ID.eq(merge.mergedId())).execute();
            db.insertInto(PROFILE_MERGE)
                    .set(PROFILE_MERGE.ID, merge.id())
                    .set(PROFILE_MERGE.SURVIVOR_ID, merge.survivorId())
                    .set(PROFILE_MERGE.MERGED_ID, merge.mergedId())
                    .set(PROFILE_MERGE.REASON, "shared_identifier")
                    .set(PROFILE_MERGE.IDENTIFIER_TYPE, merge.identifier().type().code())
                    .set(PROFILE_MERGE.IDENTIFIER_VALUE, merge.identifier().value())
                    .set(PROFILE_MERGE.EVENT_ID, merge.eventId())
                    .set(PROFILE_MERGE.MERGED_AT, merge.at())
                    .execute();
        }
    }

    void insertConflicts(Collection<Conflict> conflicts) {
        if (conflicts.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(PROFILE_CONFLICT, PROFILE_CONFLICT.ID, PROFILE_CONFLICT.PERSON_ID,
                        PROFILE_CONFLICT.OTHER_PERSON_ID, PROFILE_CONFLICT.IDENTIFIER_TYPE,
                        PROFILE_CONFLICT.IDENTIFIER_VALUE, PROFILE_CONFLICT.REASON, PROFILE_CONFLICT.EVENT_ID,
                        PROFILE_CONFLICT.RECORDED_AT)
                .values((UUID) null, null, null, null, null, null, null, null));
        conflicts.forEach(c -> insert.bind(c.id(), c.personId(), c.otherPersonId(), c.identifier().type().code(),
                c.identifier().value(), c.reason(), c.eventId(), c.at()));
        insert.execute();
    }

    void insertEvents(Collection<EventRow> events) {
        if (events.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(PROFILE_EVENT, PROFILE_EVENT.ID, PROFILE_EVENT.PERSON_ID,
                        PROFILE_EVENT.EVENT_TYPE, PROFILE_EVENT.CHANNEL, PROFILE_EVENT.OCCURRED_AT,
                        PROFILE_EVENT.RECEIVED_AT, PROFILE_EVENT.IDENTIFIERS, PROFILE_EVENT.PROPERTIES)
                .values((String) null, null, null, null, null, null, null, null));
        events.forEach(e -> insert.bind(e.id(), e.personId(), e.type(), e.channel(), e.occurredAt(), e.receivedAt(),
                e.identifiersJson(), e.propertiesJson()));
        insert.execute();
    }

    PersonState person(Record row) {
        PersonState p = new PersonState(row.get(PROFILE_PERSON.ID), row.get(PROFILE_PERSON.SURVIVOR_ID),
                row.get(PROFILE_PERSON.CREATED_AT), false);
        p.firstName = row.get(PROFILE_PERSON.FIRST_NAME);
        p.lastName = row.get(PROFILE_PERSON.LAST_NAME);
        p.locale = row.get(PROFILE_PERSON.LOCALE);
        p.timeZone = row.get(PROFILE_PERSON.TIME_ZONE);
        p.birthDate = row.get(PROFILE_PERSON.BIRTH_DATE);
        p.address = row.get(PROFILE_PERSON.ADDRESS);
        p.attributes = row.get(PROFILE_PERSON.ATTRIBUTES);
        p.traitsAt = row.get(PROFILE_PERSON.TRAITS_AT);
        p.eventsCount = row.get(PROFILE_PERSON.EVENTS_COUNT);
        p.firstSeenAt = row.get(PROFILE_PERSON.FIRST_SEEN_AT);
        p.lastSeenAt = row.get(PROFILE_PERSON.LAST_SEEN_AT);
        p.firstTouchAt = row.get(PROFILE_PERSON.FIRST_TOUCH_AT);
        p.firstTouchChannel = row.get(PROFILE_PERSON.FIRST_TOUCH_CHANNEL);
        p.firstTouchSource = row.get(PROFILE_PERSON.FIRST_TOUCH_SOURCE);
        p.firstTouchCampaign = row.get(PROFILE_PERSON.FIRST_TOUCH_CAMPAIGN);
        p.firstPurchaseAt = row.get(PROFILE_PERSON.FIRST_PURCHASE_AT);
        p.firstPurchaseChannel = row.get(PROFILE_PERSON.FIRST_PURCHASE_CHANNEL);
        p.firstPurchaseStore = row.get(PROFILE_PERSON.FIRST_PURCHASE_STORE);
        p.lastPurchaseAt = row.get(PROFILE_PERSON.LAST_PURCHASE_AT);
        p.stats = json.readValue(row.get(PROFILE_PERSON.STATS), PersonStats.class);
        return p;
    }
}
