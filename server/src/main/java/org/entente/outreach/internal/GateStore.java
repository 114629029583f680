package org.entente.outreach.internal;

import org.entente.outreach.Decision;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import static org.entente.outreach.db.Tables.OUTREACH_DECISION;
import static org.entente.outreach.db.Tables.OUTREACH_PERSON;

/** The gate's verdicts and the per-person lock that serialises reservations. In the caller's transaction. */
@Component
public class GateStore {

    private final DSLContext db;

    GateStore(DSLContext db) {
        this.db = db;
    }

    /** Locks the person for the gate: parallel decisions about them wait for each other. */
    public void lock(UUID person, Instant now) {
        db.insertInto(OUTREACH_PERSON).set(OUTREACH_PERSON.PERSON_ID, person).set(OUTREACH_PERSON.CREATED_AT, now)
                .onConflictDoNothing().execute();
        db.select(OUTREACH_PERSON.PERSON_ID).from(OUTREACH_PERSON).where(OUTREACH_PERSON.PERSON_ID.eq(person))
                .forUpdate().fetch();
    }

    public Optional<Decision> byKey(String idempotencyKey) {
        return db.selectFrom(OUTREACH_DECISION).where(OUTREACH_DECISION.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetchOptional(GateStore::decision);
    }

    /** Whether any of these hashes (see {@link Suppression}) belongs to an erased person. */
    public boolean suppressed(java.util.Collection<String> hashes) {
        return !hashes.isEmpty() && db.fetchExists(org.entente.outreach.db.Tables.OUTREACH_SUPPRESSION,
                org.entente.outreach.db.Tables.OUTREACH_SUPPRESSION.IDENTIFIER_HASH.in(hashes));
    }

    /** A merge brings the merged-away person's verdicts, and so the slots they reserved, to the survivor. */
    public void merge(UUID survivor, UUID merged) {
        db.update(OUTREACH_DECISION).set(OUTREACH_DECISION.PERSON_ID, survivor)
                .where(OUTREACH_DECISION.PERSON_ID.eq(merged)).execute();
    }

    /** Every verdict about the person, newest first. */
    public List<Decision> decisions(UUID person) {
        return db.selectFrom(OUTREACH_DECISION).where(OUTREACH_DECISION.PERSON_ID.eq(person))
                .orderBy(OUTREACH_DECISION.ID.desc()).fetch(GateStore::decision);
    }

    private static Decision decision(org.entente.outreach.db.tables.records.OutreachDecisionRecord r) {
        return new Decision(r.getId(), r.getIdempotencyKey(), r.getPersonId(),
                Decision.Verdict.valueOf(r.getVerdict().toUpperCase(Locale.ROOT)),
                r.getReasons().isEmpty() ? List.of() : Arrays.asList(r.getReasons().split(",")),
                r.getDeferUntil(), r.getSendAt(), r.getDecidedAt(), false);
    }

    /**
     * Slots reserved (allowed decisions) for the person in the day, week and month around a decision: on
     * {@code channel}, on all channels, and on {@code topic} (0 when null). One query.
     */
    public GateRules.Reserved reserved(UUID person, String channel, String topic, GateRules.Periods p) {
        Instant from = p.weekStart().isBefore(p.monthStart()) ? p.weekStart() : p.monthStart();
        Instant to = p.weekEnd().isAfter(p.monthEnd()) ? p.weekEnd() : p.monthEnd();
        var onChannel = OUTREACH_DECISION.CHANNEL.eq(channel);
        var onTopic = topic == null ? DSL.falseCondition() : OUTREACH_DECISION.TOPIC.eq(topic);
        var day = OUTREACH_DECISION.SEND_AT.ge(p.dayStart()).and(OUTREACH_DECISION.SEND_AT.lt(p.dayEnd()));
        var week = OUTREACH_DECISION.SEND_AT.ge(p.weekStart()).and(OUTREACH_DECISION.SEND_AT.lt(p.weekEnd()));
        var month = OUTREACH_DECISION.SEND_AT.ge(p.monthStart()).and(OUTREACH_DECISION.SEND_AT.lt(p.monthEnd()));
        var row = db.select(
                        DSL.count().filterWhere(onChannel.and(day)), DSL.count().filterWhere(onChannel.and(week)),
                        DSL.count().filterWhere(onChannel.and(month)), DSL.count().filterWhere(day),
                        DSL.count().filterWhere(week), DSL.count().filterWhere(month),
                        DSL.count().filterWhere(onTopic.and(day)), DSL.count().filterWhere(onTopic.and(week)),
                        DSL.count().filterWhere(onTopic.and(month)))
                .from(OUTREACH_DECISION)
                .where(OUTREACH_DECISION.PERSON_ID.eq(person))
                .and(OUTREACH_DECISION.VERDICT.eq(Decision.Verdict.ALLOW.code()))
                .and(OUTREACH_DECISION.SEND_AT.ge(from)).and(OUTREACH_DECISION.SEND_AT.lt(to))
                .fetchOne();
        return new GateRules.Reserved(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(),
                row.value6(), row.value7(), row.value8(), row.value9());
    }

    public void insert(Decision decision, String channel, String messageClass, String topic, String campaign,
                       String by) {
        db.insertInto(OUTREACH_DECISION)
                .set(OUTREACH_DECISION.ID, decision.decisionId())
                .set(OUTREACH_DECISION.IDEMPOTENCY_KEY, decision.idempotencyKey())
                .set(OUTREACH_DECISION.PERSON_ID, decision.profileId())
                .set(OUTREACH_DECISION.CHANNEL, channel)
                .set(OUTREACH_DECISION.MESSAGE_CLASS, messageClass)
                .set(OUTREACH_DECISION.TOPIC, topic)
                .set(OUTREACH_DECISION.CAMPAIGN, campaign)
                .set(OUTREACH_DECISION.VERDICT, decision.verdict().code())
                .set(OUTREACH_DECISION.REASONS, String.join(",", decision.reasons()))
                .set(OUTREACH_DECISION.DEFER_UNTIL, decision.deferUntil())
                .set(OUTREACH_DECISION.SEND_AT, decision.sendAt())
                .set(OUTREACH_DECISION.DECIDED_AT, decision.decidedAt())
                .set(OUTREACH_DECISION.DECIDED_BY, by)
                .execute();
    }
}
