package org.entente.loyalty.internal;

import org.entente.loyalty.LedgerEntry;
import org.entente.loyalty.PointsHold;
import org.entente.platform.CursorPage;
import org.entente.platform.Cursors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.entente.loyalty.db.Tables.LOYALTY_ACCOUNT;
import static org.entente.loyalty.db.Tables.LOYALTY_ENTRY;
import static org.entente.loyalty.db.Tables.LOYALTY_HOLD;
import static org.entente.loyalty.db.Tables.LOYALTY_ORDER;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;

/**
 * The SQL of loyalty. Lists of keys are bound as one array ({@code = any(?)}) so that statements keep one text and
 * PostgreSQL probes the index for each key; writes of a batch are one batched statement per table.
 */
@Repository
class LoyaltyStore {

    private final DSLContext db;
    private final JsonMapper json;

    LoyaltyStore(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    // --- accounts -------------------------------------------------------------------------------------------------

    /** Locks the accounts of these persons that exist, in id order, and reads them (without their lots). */
    Map<UUID, Account> lock(Collection<UUID> persons, CompiledProgram program) {
        Map<UUID, Account> accounts = new LinkedHashMap<>();
        if (persons.isEmpty()) {
            return accounts;
        }
        db.selectFrom(LOYALTY_ACCOUNT).where(LOYALTY_ACCOUNT.PERSON_ID.eq(any(persons.toArray(UUID[]::new))))
                .orderBy(LOYALTY_ACCOUNT.PERSON_ID).forUpdate().fetch()
                .forEach(row -> accounts.put(row.getPersonId(), account(row, program)));
        return accounts;
    }

    static final String TIER = "loyalty_tier";
    static final String TIER_SINCE = "loyalty_tier_since";
    static final String LAST_ACTIVITY = "loyalty_last_activity";
    static final String OPEN = "loyalty_open_points";
    static final String HELD = "loyalty_held_points";

    /**
     * Scalar subqueries reading the tier of a person and their points, for one query with what another module reads
     * of the same person: the tier, when it was reached, the last activity (points expire for want of it), the
     * points of the lots open by age and what running holds set aside.
     */
    List<org.jooq.Field<?>> standingFields(org.jooq.Field<UUID> person, Instant now) {
        return List.of(
                org.jooq.impl.DSL.field(org.jooq.impl.DSL.select(LOYALTY_ACCOUNT.TIER).from(LOYALTY_ACCOUNT)
                        .where(LOYALTY_ACCOUNT.PERSON_ID.eq(person))).as(TIER),
                org.jooq.impl.DSL.field(org.jooq.impl.DSL.select(LOYALTY_ACCOUNT.TIER_SINCE).from(LOYALTY_ACCOUNT)
                        .where(LOYALTY_ACCOUNT.PERSON_ID.eq(person))).as(TIER_SINCE),
                org.jooq.impl.DSL.field(org.jooq.impl.DSL.select(LOYALTY_ACCOUNT.LAST_ACTIVITY_AT).from(LOYALTY_ACCOUNT)
                        .where(LOYALTY_ACCOUNT.PERSON_ID.eq(person))).as(LAST_ACTIVITY),
                org.jooq.impl.DSL.field(org.jooq.impl.DSL.select(org.jooq.impl.DSL.sum(LOYALTY_ENTRY.REMAINING))
                        .from(LOYALTY_ENTRY).where(LOYALTY_ENTRY.PERSON_ID.eq(person))
                        .and(LOYALTY_ENTRY.REMAINING.gt(0L))
                        .and(LOYALTY_ENTRY.EXPIRES_AT.isNull().or(LOYALTY_ENTRY.EXPIRES_AT.gt(now)))).as(OPEN),
                org.jooq.impl.DSL.field(org.jooq.impl.DSL.select(org.jooq.impl.DSL.sum(LOYALTY_HOLD.POINTS))
                        .from(LOYALTY_HOLD).where(LOYALTY_HOLD.PERSON_ID.eq(person))
                        .and(LOYALTY_HOLD.STATE.eq(state(PointsHold.State.HELD)))
                        .and(LOYALTY_HOLD.EXPIRES_AT.gt(now))).as(HELD));
    }

    Optional<Account> find(UUID person, CompiledProgram program) {
        return db.selectFrom(LOYALTY_ACCOUNT).where(LOYALTY_ACCOUNT.PERSON_ID.eq(person)).fetchOptional()
                .map(row -> account(row, program));
    }

    /**
     * Creates the account if it does not exist yet; a concurrent creation wins quietly.
     *
     * @return whether it was created now
     */
    boolean ensure(UUID person, java.time.Instant now, int programVersion) {
        return db.insertInto(LOYALTY_ACCOUNT)
                .set(LOYALTY_ACCOUNT.PERSON_ID, person)
                .set(LOYALTY_ACCOUNT.CREATED_AT, now)
                .set(LOYALTY_ACCOUNT.UPDATED_AT, now)
                .set(LOYALTY_ACCOUNT.DEBT, 0L)
                .set(LOYALTY_ACCOUNT.PROGRAM_VERSION, programVersion)
                .set(LOYALTY_ACCOUNT.QUALIFICATION, windowJson(QualificationWindow.empty()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    /**
     * How many accounts hold each tier code, the key null counting those holding none. One query over every account:
     * there is one per member, and no period to narrow it to.
     */
    Map<String, Long> membersByTier() {
        Map<String, Long> members = new HashMap<>();
        db.select(LOYALTY_ACCOUNT.TIER, org.jooq.impl.DSL.count()).from(LOYALTY_ACCOUNT).groupBy(LOYALTY_ACCOUNT.TIER)
                .forEach(row -> members.put(row.value1(), row.value2().longValue()));
        return members;
    }

    void deleteAccount(UUID person) {
        db.deleteFrom(LOYALTY_ACCOUNT).where(LOYALTY_ACCOUNT.PERSON_ID.eq(person)).execute();
    }

    private Account account(org.entente.loyalty.db.tables.records.LoyaltyAccountRecord row, CompiledProgram program) {
        Account account = new Account(row.getPersonId(), row.getCreatedAt(), false);
        account.tier = row.getTier();
        account.tierSince = row.getTierSince();
        account.reviewAt = row.getReviewAt();
        account.atRiskSince = row.getAtRiskSince();
        account.cardNumber = row.getCardNumber();
        account.cardIssuedAt = row.getCardIssuedAt();
        account.lastActivityAt = row.getLastActivityAt();
        account.programVersion = row.getProgramVersion();
        account.window = json.readValue(row.getQualification(), QualificationWindow.class);
        account.points = new PointsAccount(List.of(), List.of(), row.getDebt(),
                program.inactiveFrom(account.lastActivityAt));
        return account;
    }

    void insertAccounts(Collection<Account> accounts, Instant now) {
        if (accounts.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(LOYALTY_ACCOUNT, LOYALTY_ACCOUNT.PERSON_ID, LOYALTY_ACCOUNT.CREATED_AT,
                        LOYALTY_ACCOUNT.UPDATED_AT, LOYALTY_ACCOUNT.TIER, LOYALTY_ACCOUNT.TIER_SINCE,
                        LOYALTY_ACCOUNT.REVIEW_AT, LOYALTY_ACCOUNT.AT_RISK_SINCE, LOYALTY_ACCOUNT.CARD_NUMBER,
                        LOYALTY_ACCOUNT.CARD_ISSUED_AT, LOYALTY_ACCOUNT.DEBT, LOYALTY_ACCOUNT.LAST_ACTIVITY_AT,
                        LOYALTY_ACCOUNT.PROGRAM_VERSION, LOYALTY_ACCOUNT.QUALIFICATION)
                .values((UUID) null, null, null, null, null, null, null, null, null, null, null, null, null));
        for (Account a : accounts) {
            insert.bind(a.personId, a.createdAt, now, a.tier, a.tierSince, a.reviewAt, a.atRiskSince, a.cardNumber,
                    a.cardIssuedAt, a.points.debt(), a.lastActivityAt, a.programVersion, windowJson(a.window));
        }
        insert.execute();
    }

    void updateAccounts(Collection<Account> accounts, Instant now) {
        if (accounts.isEmpty()) {
            return;
        }
        var update = db.batch(db.update(LOYALTY_ACCOUNT)
                .set(LOYALTY_ACCOUNT.UPDATED_AT, (Instant) null)
                .set(LOYALTY_ACCOUNT.TIER, (String) null)
                .set(LOYALTY_ACCOUNT.TIER_SINCE, (Instant) null)
                .set(LOYALTY_ACCOUNT.REVIEW_AT, (Instant) null)
                .set(LOYALTY_ACCOUNT.AT_RISK_SINCE, (Instant) null)
                .set(LOYALTY_ACCOUNT.CARD_NUMBER, (String) null)
                .set(LOYALTY_ACCOUNT.CARD_ISSUED_AT, (Instant) null)
                .set(LOYALTY_ACCOUNT.DEBT, (Long) null)
                .set(LOYALTY_ACCOUNT.LAST_ACTIVITY_AT, (Instant) null)
                .set(LOYALTY_ACCOUNT.PROGRAM_VERSION, (Integer) null)
                .set(LOYALTY_ACCOUNT.QUALIFICATION, (String) null)
                .where(LOYALTY_ACCOUNT.PERSON_ID.eq((UUID) null)));
        for (Account a : accounts) {
            update.bind(now, a.tier, a.tierSince, a.reviewAt, a.atRiskSince, a.cardNumber, a.cardIssuedAt,
                    a.points.debt(), a.lastActivityAt, a.programVersion, windowJson(a.window), a.personId);
        }
        update.execute();
    }

    /** Gives everything of a person merged into another to the survivor, and removes the merged account. */
    void repoint(UUID from, UUID to) {
        db.update(LOYALTY_ENTRY).set(LOYALTY_ENTRY.PERSON_ID, to).where(LOYALTY_ENTRY.PERSON_ID.eq(from)).execute();
        db.update(LOYALTY_ORDER).set(LOYALTY_ORDER.PERSON_ID, to).where(LOYALTY_ORDER.PERSON_ID.eq(from)).execute();
        db.update(LOYALTY_HOLD).set(LOYALTY_HOLD.PERSON_ID, to).where(LOYALTY_HOLD.PERSON_ID.eq(from)).execute();
        db.deleteFrom(LOYALTY_ACCOUNT).where(LOYALTY_ACCOUNT.PERSON_ID.eq(from)).execute();
    }

    private String windowJson(QualificationWindow window) {
        return json.writeValueAsString(window);
    }

    // --- lots and holds -------------------------------------------------------------------------------------------

    /** The lots of these persons with points left, expired ones included. */
    Map<UUID, List<PointsAccount.Lot>> lots(Collection<UUID> persons) {
        Map<UUID, List<PointsAccount.Lot>> lots = new HashMap<>();
        if (persons.isEmpty()) {
            return lots;
        }
        db.select(LOYALTY_ENTRY.ID, LOYALTY_ENTRY.PERSON_ID, LOYALTY_ENTRY.OCCURRED_AT, LOYALTY_ENTRY.EXPIRES_AT,
                        LOYALTY_ENTRY.POINTS, LOYALTY_ENTRY.REMAINING)
                .from(LOYALTY_ENTRY)
                .where(LOYALTY_ENTRY.PERSON_ID.eq(any(persons.toArray(UUID[]::new))))
                .and(LOYALTY_ENTRY.REMAINING.gt(0L))
                .forEach(row -> lots.computeIfAbsent(row.value2(), p -> new ArrayList<>())
                        .add(new PointsAccount.Lot(row.value1(), row.value3(), row.value4(), row.value5(),
                                row.value6())));
        return lots;
    }

    /** Writes what is left of lots that existed before. */
    void updateLots(Collection<PointsAccount.Lot> lots) {
        if (lots.isEmpty()) {
            return;
        }
        var update = db.batch(db.update(LOYALTY_ENTRY).set(LOYALTY_ENTRY.REMAINING, (Long) null)
                .where(LOYALTY_ENTRY.ID.eq((UUID) null)));
        lots.forEach(lot -> update.bind(lot.remaining(), lot.id()));
        update.execute();
    }

    /** The holds of a person not yet released or captured (run-out ones included). */
    List<PointsAccount.Hold> runningHolds(UUID person) {
        return db.selectFrom(LOYALTY_HOLD)
                .where(LOYALTY_HOLD.PERSON_ID.eq(person).and(LOYALTY_HOLD.STATE.eq(state(PointsHold.State.HELD))))
                .fetch(row -> new PointsAccount.Hold(row.getId(), row.getSource(), row.getPoints(),
                        row.getExpiresAt()));
    }

    Optional<PointsHold> hold(UUID id) {
        return db.selectFrom(LOYALTY_HOLD).where(LOYALTY_HOLD.ID.eq(id)).fetchOptional().map(this::hold);
    }

    Optional<PointsHold> holdBySource(String source) {
        return db.selectFrom(LOYALTY_HOLD).where(LOYALTY_HOLD.SOURCE.eq(source)).fetchOptional().map(this::hold);
    }

    private PointsHold hold(org.entente.loyalty.db.tables.records.LoyaltyHoldRecord row) {
        return new PointsHold(row.getId(), row.getPersonId(), row.getSource(), row.getPoints(), row.getCreatedAt(),
                row.getExpiresAt(), PointsHold.State.valueOf(row.getState().toUpperCase(java.util.Locale.ROOT)));
    }

    void insertHold(PointsHold hold) {
        db.insertInto(LOYALTY_HOLD)
                .set(LOYALTY_HOLD.ID, hold.id())
                .set(LOYALTY_HOLD.PERSON_ID, hold.personId())
                .set(LOYALTY_HOLD.SOURCE, hold.source())
                .set(LOYALTY_HOLD.POINTS, hold.points())
                .set(LOYALTY_HOLD.CREATED_AT, hold.createdAt())
                .set(LOYALTY_HOLD.EXPIRES_AT, hold.expiresAt())
                .set(LOYALTY_HOLD.STATE, state(hold.state()))
                .execute();
    }

    void setHoldState(UUID id, PointsHold.State state) {
        db.update(LOYALTY_HOLD).set(LOYALTY_HOLD.STATE, state(state)).where(LOYALTY_HOLD.ID.eq(id)).execute();
    }

    private static String state(PointsHold.State state) {
        return state.code();
    }

    // --- orders ---------------------------------------------------------------------------------------------------

    /** The returned orders among these, as their returns left them. */
    Map<String, OrderRow> returnedOrders(Collection<String> orderIds) {
        Map<String, OrderRow> orders = new HashMap<>();
        if (orderIds.isEmpty()) {
            return orders;
        }
        db.selectFrom(LOYALTY_ORDER).where(LOYALTY_ORDER.ORDER_ID.eq(any(orderIds.toArray(String[]::new))))
                .fetch()
                .forEach(row -> orders.put(row.getOrderId(), new OrderRow(row.getOrderId(), row.getPersonId(),
                        row.getOccurredAt(), row.getCurrency(), row.getAmount(), row.getPoints(), row.getReturned(),
                        row.getReversed(), false)));
        return orders;
    }

    /**
     * The orders among these that earned points, as a return needs them: an order earns once, and its earn entry
     * ({@code order:<orderId>}) says for whom, when, on what amount and how many points.
     */
    Map<String, OrderRow> earningOrders(Collection<String> orderIds) {
        Map<String, OrderRow> orders = new HashMap<>();
        if (orderIds.isEmpty()) {
            return orders;
        }
        db.select(LOYALTY_ENTRY.SOURCE, LOYALTY_ENTRY.PERSON_ID, LOYALTY_ENTRY.OCCURRED_AT, LOYALTY_ENTRY.POINTS,
                        LOYALTY_ENTRY.DETAILS)
                .from(LOYALTY_ENTRY)
                .where(LOYALTY_ENTRY.KIND.eq(LedgerEntry.Kind.EARN.code()))
                .and(LOYALTY_ENTRY.SOURCE.eq(any(orderIds.stream().map(LoyaltyStore::orderSource)
                        .toArray(String[]::new))))
                .forEach(row -> {
                    String orderId = row.value1().substring(ORDER_SOURCE.length());
                    var details = json.readTree(row.value5());
                    orders.put(orderId, new OrderRow(orderId, row.value2(), row.value3(),
                            details.path("currency").asString(), new BigDecimal(details.path("amount").asString()),
                            details.path("earned").asLong(row.value4()), BigDecimal.ZERO, 0, true));
                });
        return orders;
    }

    static final String ORDER_SOURCE = "order:";

    /** The source of the entry an order earned (and of a redemption for it). */
    static String orderSource(String orderId) {
        return ORDER_SOURCE + orderId;
    }

    void insertOrders(Collection<OrderRow> orders) {
        if (orders.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(LOYALTY_ORDER, LOYALTY_ORDER.ORDER_ID, LOYALTY_ORDER.PERSON_ID,
                        LOYALTY_ORDER.OCCURRED_AT, LOYALTY_ORDER.CURRENCY, LOYALTY_ORDER.AMOUNT,
                        LOYALTY_ORDER.RETURNED, LOYALTY_ORDER.POINTS, LOYALTY_ORDER.REVERSED)
                .values((String) null, null, null, null, null, null, null, null));
        orders.forEach(o -> insert.bind(o.orderId, o.personId, o.occurredAt, o.currency, o.amount, o.returned,
                o.points, o.reversed));
        insert.execute();
    }

    void updateOrders(Collection<OrderRow> orders) {
        if (orders.isEmpty()) {
            return;
        }
        var update = db.batch(db.update(LOYALTY_ORDER)
                .set(LOYALTY_ORDER.RETURNED, (BigDecimal) null)
                .set(LOYALTY_ORDER.REVERSED, (Long) null)
                .where(LOYALTY_ORDER.ORDER_ID.eq((String) null)));
        orders.forEach(o -> update.bind(o.returned, o.reversed, o.orderId));
        update.execute();
    }

    // --- ledger ---------------------------------------------------------------------------------------------------

    /**
     * @param lots the lots some of these entries created, by id (an entry that adds points is the lot they live in),
     *             as they are now
     */
    void insertEntries(Collection<EntryRow> entries, Map<UUID, PointsAccount.Lot> lots) {
        if (entries.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(LOYALTY_ENTRY, LOYALTY_ENTRY.ID, LOYALTY_ENTRY.PERSON_ID,
                        LOYALTY_ENTRY.KIND, LOYALTY_ENTRY.SOURCE, LOYALTY_ENTRY.POINTS, LOYALTY_ENTRY.HELD,
                        LOYALTY_ENTRY.REMAINING, LOYALTY_ENTRY.EXPIRES_AT, LOYALTY_ENTRY.RULE,
                        LOYALTY_ENTRY.OCCURRED_AT, LOYALTY_ENTRY.RECORDED_AT, LOYALTY_ENTRY.ACTOR,
                        LOYALTY_ENTRY.REASON, LOYALTY_ENTRY.DETAILS)
                .values((UUID) null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        entries.forEach(e -> {
            PointsAccount.Lot lot = lots.get(e.id());
            insert.bind(e.id(), e.personId(), e.kind().code(), e.source(), e.points(), e.held(),
                    lot == null ? null : lot.remaining(), lot == null ? null : lot.expiresAt(), e.rule(),
                    e.occurredAt(), e.recordedAt(), e.actor(), e.reason(), e.details());
        });
        insert.execute();
    }

    void insertEntry(EntryRow entry) {
        insertEntries(List.of(entry), Map.of());
    }

    /** Which of these sources already have an entry of this kind. */
    java.util.Set<String> sources(LedgerEntry.Kind kind, Collection<String> sources) {
        if (sources.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(db.select(LOYALTY_ENTRY.SOURCE).from(LOYALTY_ENTRY)
                .where(LOYALTY_ENTRY.KIND.eq(kind.code()))
                .and(LOYALTY_ENTRY.SOURCE.eq(any(sources.toArray(String[]::new))))
                .fetch(LOYALTY_ENTRY.SOURCE));
    }

    Optional<LedgerEntry> entry(LedgerEntry.Kind kind, String source) {
        return db.selectFrom(LOYALTY_ENTRY)
                .where(LOYALTY_ENTRY.KIND.eq(kind.code()).and(LOYALTY_ENTRY.SOURCE.eq(source)))
                .fetchOptional(this::entry);
    }

    /** The person's entries, newest first. */
    CursorPage<LedgerEntry> ledger(UUID person, String before, int limit) {
        var condition = LOYALTY_ENTRY.PERSON_ID.eq(person);
        if (before != null) {
            condition = condition.and(LOYALTY_ENTRY.ID.lt(Cursors.decodeUuid(before)));
        }
        List<LedgerEntry> rows = db.selectFrom(LOYALTY_ENTRY).where(condition)
                .orderBy(LOYALTY_ENTRY.ID.desc()).limit(limit + 1).fetch(this::entry);
        return CursorPage.of(rows, limit, entry -> Cursors.encode(entry.id().toString()));
    }

    private LedgerEntry entry(org.entente.loyalty.db.tables.records.LoyaltyEntryRecord row) {
        return new LedgerEntry(row.getId(), row.getPersonId(), LedgerEntry.Kind.fromCode(row.getKind()),
                row.getPoints(), row.getHeld(), row.getRemaining(), row.getExpiresAt(), row.getSource(),
                row.getRule(), row.getOccurredAt(),
                row.getRecordedAt(), row.getActor(), row.getReason(), row.getDetails());
    }

    /** What was earned between {@code from} and {@code to} by these persons: for daily caps. */
    List<Earned> earned(Collection<UUID> persons, Instant from, Instant to) {
        if (persons.isEmpty()) {
            return List.of();
        }
        return db.select(LOYALTY_ENTRY.PERSON_ID, LOYALTY_ENTRY.RULE, LOYALTY_ENTRY.OCCURRED_AT, LOYALTY_ENTRY.POINTS,
                        LOYALTY_ENTRY.DETAILS)
                .from(LOYALTY_ENTRY)
                .where(LOYALTY_ENTRY.PERSON_ID.eq(any(persons.toArray(UUID[]::new)))
                        .and(LOYALTY_ENTRY.KIND.eq(LedgerEntry.Kind.EARN.code()))
                        .and(LOYALTY_ENTRY.OCCURRED_AT.ge(from)).and(LOYALTY_ENTRY.OCCURRED_AT.lt(to)))
                .fetch(row -> new Earned(row.value1(), row.value2(), row.value3(),
                        json.readTree(row.value5()).path("earned").asLong(row.value4())));
    }

    /** Points earned by one entry (before debt repayment), for daily caps. */
    record Earned(UUID personId, String rule, Instant at, long points) {
    }

    // --- maintenance ----------------------------------------------------------------------------------------------

    /** Persons with lots that still hold points past their expiry. */
    List<UUID> personsWithExpiredLots(Instant now, int limit) {
        return db.selectDistinct(LOYALTY_ENTRY.PERSON_ID).from(LOYALTY_ENTRY)
                .where(LOYALTY_ENTRY.EXPIRES_AT.le(now).and(LOYALTY_ENTRY.REMAINING.gt(0L)))
                .limit(limit).fetch(LOYALTY_ENTRY.PERSON_ID);
    }

    /** Where a scan of accounts by last activity stands. */
    record ActivityKey(Instant lastActivityAt, UUID personId) {
    }

    /**
     * Accounts last active at or before {@code cutoff} that still have points, in the order of their last activity,
     * after {@code after} (null: from the start). A scan: only for programs with the inactivity rule.
     */
    List<ActivityKey> idleSince(Instant cutoff, ActivityKey after, int limit) {
        var query = db.select(LOYALTY_ACCOUNT.LAST_ACTIVITY_AT, LOYALTY_ACCOUNT.PERSON_ID).from(LOYALTY_ACCOUNT)
                .where(LOYALTY_ACCOUNT.LAST_ACTIVITY_AT.le(cutoff))
                .and(exists(selectOne().from(LOYALTY_ENTRY).where(LOYALTY_ENTRY.PERSON_ID
                        .eq(LOYALTY_ACCOUNT.PERSON_ID).and(LOYALTY_ENTRY.REMAINING.gt(0L)))))
                .orderBy(LOYALTY_ACCOUNT.LAST_ACTIVITY_AT, LOYALTY_ACCOUNT.PERSON_ID);
        var page = after == null ? query.limit(limit)
                : query.seek(after.lastActivityAt(), after.personId()).limit(limit);
        return page.fetch(row -> new ActivityKey(row.value1(), row.value2()));
    }

    /** Holds still held after their time. */
    List<PointsHold> runOutHolds(Instant now, int limit) {
        return db.selectFrom(LOYALTY_HOLD)
                .where(LOYALTY_HOLD.STATE.eq(state(PointsHold.State.HELD)).and(LOYALTY_HOLD.EXPIRES_AT.le(now)))
                .limit(limit).fetch(this::hold);
    }

    /** Accounts whose review is due. */
    List<UUID> accountsDue(Instant now, int limit) {
        return db.select(LOYALTY_ACCOUNT.PERSON_ID).from(LOYALTY_ACCOUNT).where(LOYALTY_ACCOUNT.REVIEW_AT.le(now))
                .limit(limit).fetch(LOYALTY_ACCOUNT.PERSON_ID);
    }

    /** Accounts last reviewed under an older program version (a scan: only after a program change). */
    List<UUID> accountsBehind(int programVersion, int limit) {
        return db.select(LOYALTY_ACCOUNT.PERSON_ID).from(LOYALTY_ACCOUNT)
                .where(LOYALTY_ACCOUNT.PROGRAM_VERSION.lt(programVersion))
                .limit(limit).fetch(LOYALTY_ACCOUNT.PERSON_ID);
    }
}
