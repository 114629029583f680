package org.entente.outreach.internal;

import org.entente.outreach.Decision;
import org.entente.outreach.GateVerdicts;
import org.entente.outreach.db.tables.records.OutreachDecisionRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.entente.outreach.db.Tables.OUTREACH_DECISION;
import static org.entente.outreach.db.Tables.OUTREACH_PERSON;
import static org.entente.outreach.db.Tables.OUTREACH_SUPPRESSION;
import static org.jooq.impl.DSL.any;

/**
 * The gate's verdicts and the per-person lock rows that serialise reservations, a whole batch at a time. In the
 * caller's transaction.
 */
@Component
public class GateStore {

    private final DSLContext db;

    GateStore(DSLContext db) {
        this.db = db;
    }

    /**
     * Locks these persons for the gate, in one order: parallel decisions about any of them wait for this transaction.
     * One statement for persons the gate knows; those it meets for the first time get their lock row first (two
     * batches meeting the same new persons may then deadlock, and the loser is run again).
     */
    public void lock(Collection<UUID> persons, Instant now) {
        if (persons.isEmpty()) {
            return;
        }
        UUID[] sorted = persons.stream().distinct().sorted().toArray(UUID[]::new);
        Set<UUID> locked = lockExisting(sorted);
        UUID[] missing = Arrays.stream(sorted).filter(person -> !locked.contains(person)).toArray(UUID[]::new);
        if (missing.length > 0) {
            var batch = db.batch(db.insertInto(OUTREACH_PERSON, OUTREACH_PERSON.PERSON_ID, OUTREACH_PERSON.CREATED_AT)
                    .values((UUID) null, null).onConflictDoNothing());
            for (UUID person : missing) {
                batch = batch.bind(person, now);
            }
            batch.execute();
            lockExisting(missing);
        }
    }

    private Set<UUID> lockExisting(UUID[] sorted) {
        return db.select(OUTREACH_PERSON.PERSON_ID).from(OUTREACH_PERSON)
                .where(OUTREACH_PERSON.PERSON_ID.eq(any(sorted))).orderBy(OUTREACH_PERSON.PERSON_ID).forUpdate()
                .fetchSet(OUTREACH_PERSON.PERSON_ID);
    }

    /** The verdicts already given to these idempotency keys. */
    public Map<String, Decision> byKeys(Collection<String> idempotencyKeys) {
        Map<String, Decision> known = new HashMap<>();
        db.selectFrom(OUTREACH_DECISION)
                .where(OUTREACH_DECISION.IDEMPOTENCY_KEY.eq(any(idempotencyKeys.toArray(String[]::new))))
                .forEach(r -> known.put(r.getIdempotencyKey(), decision(r)));
        return known;
    }

    /** Those of these hashes (see {@link Suppression}) that belong to an erased person. */
    public Set<String> suppressed(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.select(OUTREACH_SUPPRESSION.IDENTIFIER_HASH).from(OUTREACH_SUPPRESSION)
                .where(OUTREACH_SUPPRESSION.IDENTIFIER_HASH.eq(any(hashes.toArray(String[]::new))))
                .fetch(OUTREACH_SUPPRESSION.IDENTIFIER_HASH));
    }

    /** The slots reserved for these persons (their allowed decisions) sent from {@code from} to {@code to}. */
    public Map<UUID, List<GateRules.Slot>> slots(Collection<UUID> persons, Instant from, Instant to) {
        Map<UUID, List<GateRules.Slot>> slots = new HashMap<>();
        if (persons.isEmpty()) {
            return slots;
        }
        db.select(OUTREACH_DECISION.PERSON_ID, OUTREACH_DECISION.CHANNEL, OUTREACH_DECISION.TOPIC,
                        OUTREACH_DECISION.SEND_AT)
                .from(OUTREACH_DECISION)
                .where(OUTREACH_DECISION.PERSON_ID.eq(any(persons.toArray(UUID[]::new))))
                .and(OUTREACH_DECISION.VERDICT.eq(Decision.Verdict.ALLOW.code()))
                .and(OUTREACH_DECISION.SEND_AT.ge(from)).and(OUTREACH_DECISION.SEND_AT.lt(to))
                .forEach(r -> slots.computeIfAbsent(r.value1(), person -> new ArrayList<>())
                        .add(new GateRules.Slot(r.value2(), r.value3(), r.value4())));
        return slots;
    }

    /** A merge brings the merged-away person's verdicts, and so the slots they reserved, to the survivor. */
    public void merge(UUID survivor, UUID merged) {
        db.update(OUTREACH_DECISION).set(OUTREACH_DECISION.PERSON_ID, survivor)
                .where(OUTREACH_DECISION.PERSON_ID.eq(merged)).execute();
    }

    /** The latest verdicts about the person, newest first. */
    public List<Decision> recent(UUID person, int limit) {
        return db.selectFrom(OUTREACH_DECISION).where(OUTREACH_DECISION.PERSON_ID.eq(person))
                .orderBy(OUTREACH_DECISION.ID.desc()).limit(limit).fetch(GateStore::decision);
    }

    /** Every verdict about the person, newest first. */
    public List<Decision> decisions(UUID person) {
        return db.selectFrom(OUTREACH_DECISION).where(OUTREACH_DECISION.PERSON_ID.eq(person))
                .orderBy(OUTREACH_DECISION.ID.desc()).fetch(GateStore::decision);
    }

    private static Decision decision(OutreachDecisionRecord r) {
        return new Decision(r.getId(), r.getIdempotencyKey(), r.getPersonId(),
                Decision.Verdict.valueOf(r.getVerdict().toUpperCase(Locale.ROOT)),
                r.getReasons().isEmpty() ? List.of() : Arrays.asList(r.getReasons().split(",")),
                r.getDeferUntil(), r.getSendAt(), r.getDecidedAt(), false);
    }

    /**
     * How many verdicts were given in {@code [from, to)}, by verdict and reasons as stored (comma-separated codes).
     * One aggregate query on the index of the decision time; the combinations of reasons are few.
     */
    public GateVerdicts verdicts(Instant from, Instant to) {
        long[] byVerdict = new long[Decision.Verdict.values().length];
        Map<String, long[]> byReason = new HashMap<>();
        db.select(OUTREACH_DECISION.VERDICT, OUTREACH_DECISION.REASONS, org.jooq.impl.DSL.count())
                .from(OUTREACH_DECISION)
                .where(OUTREACH_DECISION.DECIDED_AT.ge(from)).and(OUTREACH_DECISION.DECIDED_AT.lt(to))
                .groupBy(OUTREACH_DECISION.VERDICT, OUTREACH_DECISION.REASONS)
                .forEach(row -> {
                    Decision.Verdict verdict = Decision.Verdict.valueOf(row.value1().toUpperCase(Locale.ROOT));
                    long decisions = row.value3();
                    byVerdict[verdict.ordinal()] += decisions;
                    if (verdict == Decision.Verdict.ALLOW || row.value2().isEmpty()) {
                        return;
                    }
                    for (String reason : row.value2().split(",")) {
                        byReason.computeIfAbsent(reason, r -> new long[2])[verdict == Decision.Verdict.DENY ? 0 : 1]
                                += decisions;
                    }
                });
        List<GateVerdicts.ReasonCount> reasons = new ArrayList<>();
        byReason.forEach((reason, counts) -> reasons.add(new GateVerdicts.ReasonCount(reason, counts[0], counts[1])));
        reasons.sort(java.util.Comparator.comparingLong(GateVerdicts.ReasonCount::total).reversed()
                .thenComparing(GateVerdicts.ReasonCount::reason));
        return new GateVerdicts(byVerdict[Decision.Verdict.ALLOW.ordinal()],
                byVerdict[Decision.Verdict.DEFER.ordinal()], byVerdict[Decision.Verdict.DENY.ordinal()], reasons);
    }

    /** A verdict to keep, with what it was about. */
    public record Verdict(Decision decision, String channel, String messageClass, String topic, String campaign) {
    }

    /** Keeps these verdicts: one statement, rendered once and bound for each (a JDBC batch, one round trip). */
    public void insert(List<Verdict> verdicts, String by) {
        if (verdicts.isEmpty()) {
            return;
        }
        var batch = db.batch(db.insertInto(OUTREACH_DECISION, OUTREACH_DECISION.ID, OUTREACH_DECISION.IDEMPOTENCY_KEY,
                OUTREACH_DECISION.PERSON_ID, OUTREACH_DECISION.CHANNEL, OUTREACH_DECISION.MESSAGE_CLASS,
                OUTREACH_DECISION.TOPIC, OUTREACH_DECISION.CAMPAIGN, OUTREACH_DECISION.VERDICT,
                OUTREACH_DECISION.REASONS, OUTREACH_DECISION.DEFER_UNTIL, OUTREACH_DECISION.SEND_AT,
                OUTREACH_DECISION.DECIDED_AT, OUTREACH_DECISION.DECIDED_BY)
                .values((UUID) null, null, null, null, null, null, null, null, null, null, null, null, null));
        for (Verdict v : verdicts) {
            Decision d = v.decision();
            batch = batch.bind(d.decisionId(), d.idempotencyKey(), d.profileId(), v.channel(), v.messageClass(),
                    v.topic(), v.campaign(), d.verdict().code(), String.join(",", d.reasons()), d.deferUntil(),
                    d.sendAt(), d.decidedAt(), by);
        }
        batch.execute();
    }
}
