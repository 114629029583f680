package org.entente.outreach.internal;

import org.entente.outreach.Message;
import org.entente.outreach.db.tables.records.OutreachMessageRecord;
import org.entente.platform.CursorPage;
import org.entente.platform.Cursors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.entente.outreach.db.Tables.OUTREACH_MESSAGE;

/** Messages and their queue, in the caller's transaction. */
@Component
public class MessageStore {

    private final DSLContext db;

    MessageStore(DSLContext db) {
        this.db = db;
    }

    public void insert(Message m) {
        db.insertInto(OUTREACH_MESSAGE)
                .set(OUTREACH_MESSAGE.ID, m.id())
                .set(OUTREACH_MESSAGE.IDEMPOTENCY_KEY, m.idempotencyKey())
                .set(OUTREACH_MESSAGE.PERSON_ID, m.profileId())
                .set(OUTREACH_MESSAGE.CHANNEL, m.channel())
                .set(OUTREACH_MESSAGE.MESSAGE_CLASS, m.messageClass())
                .set(OUTREACH_MESSAGE.TOPIC, m.topic())
                .set(OUTREACH_MESSAGE.CAMPAIGN, m.campaign())
                .set(OUTREACH_MESSAGE.TEMPLATE, m.template())
                .set(OUTREACH_MESSAGE.LOCALE, m.locale())
                .set(OUTREACH_MESSAGE.RECIPIENT, m.recipient())
                .set(OUTREACH_MESSAGE.SUBJECT, m.subject())
                .set(OUTREACH_MESSAGE.BODY, m.body())
                .set(OUTREACH_MESSAGE.STATUS, m.status().code())
                .set(OUTREACH_MESSAGE.REASONS, String.join(",", m.reasons()))
                .set(OUTREACH_MESSAGE.DECISION_ID, m.decisionId())
                .set(OUTREACH_MESSAGE.GATE_CHECKS, 1)
                .set(OUTREACH_MESSAGE.ATTEMPTS, m.attempts())
                .set(OUTREACH_MESSAGE.SEND_AT, m.sendAt())
                .set(OUTREACH_MESSAGE.EXPIRES_AT, m.expiresAt())
                .set(OUTREACH_MESSAGE.NEXT_ATTEMPT_AT, m.nextAttemptAt())
                .set(OUTREACH_MESSAGE.CREATED_AT, m.createdAt())
                .set(OUTREACH_MESSAGE.CREATED_BY, m.createdBy())
                .set(OUTREACH_MESSAGE.UPDATED_AT, m.updatedAt())
                .execute();
    }

    public Optional<Message> byKey(String idempotencyKey) {
        return db.selectFrom(OUTREACH_MESSAGE).where(OUTREACH_MESSAGE.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetchOptional(MessageStore::message);
    }

    public Optional<Message> byId(UUID id) {
        return db.selectFrom(OUTREACH_MESSAGE).where(OUTREACH_MESSAGE.ID.eq(id)).fetchOptional(MessageStore::message);
    }

    /** The person's messages, newest first. */
    public CursorPage<Message> ofPerson(UUID person, String before, int limit) {
        var condition = OUTREACH_MESSAGE.PERSON_ID.eq(person);
        if (before != null) {
            condition = condition.and(OUTREACH_MESSAGE.ID.lt(Cursors.decodeUuid(before)));
        }
        List<Message> rows = db.selectFrom(OUTREACH_MESSAGE).where(condition).orderBy(OUTREACH_MESSAGE.ID.desc())
                .limit(limit + 1).fetch(MessageStore::message);
        return CursorPage.of(rows, limit, m -> Cursors.encode(m.id().toString()));
    }

    /** Every message of the person, newest first. */
    public List<Message> allOf(UUID person) {
        return db.selectFrom(OUTREACH_MESSAGE).where(OUTREACH_MESSAGE.PERSON_ID.eq(person))
                .orderBy(OUTREACH_MESSAGE.ID.desc()).fetch(MessageStore::message);
    }

    /** Up to {@code limit} waiting messages whose next attempt has come, the longest waiting first. */
    public List<Due> due(Instant now, int limit) {
        return db.select(OUTREACH_MESSAGE.ID, OUTREACH_MESSAGE.NEXT_ATTEMPT_AT).from(OUTREACH_MESSAGE)
                .where(OUTREACH_MESSAGE.NEXT_ATTEMPT_AT.le(now))
                .orderBy(OUTREACH_MESSAGE.NEXT_ATTEMPT_AT).limit(limit)
                .fetch(r -> new Due(r.value1(), r.value2()));
    }

    public record Due(UUID id, Instant nextAttemptAt) {
    }

    /**
     * Takes a due message for this node until {@code leaseUntil}: false when another node took it first (its next
     * attempt moved).
     */
    public boolean claim(Due due, Instant leaseUntil, Instant now) {
        return db.update(OUTREACH_MESSAGE).set(OUTREACH_MESSAGE.NEXT_ATTEMPT_AT, leaseUntil)
                .set(OUTREACH_MESSAGE.UPDATED_AT, now)
                .where(OUTREACH_MESSAGE.ID.eq(due.id())).and(OUTREACH_MESSAGE.NEXT_ATTEMPT_AT.eq(due.nextAttemptAt()))
                .execute() == 1;
    }

    /** Settles where the message stands. */
    public void update(UUID id, Message.Status status, List<String> reasons, UUID decisionId, Instant nextAttemptAt,
                       Instant now) {
        db.update(OUTREACH_MESSAGE).set(OUTREACH_MESSAGE.STATUS, status.code())
                .set(OUTREACH_MESSAGE.REASONS, String.join(",", reasons))
                .set(OUTREACH_MESSAGE.DECISION_ID, decisionId)
                .set(OUTREACH_MESSAGE.NEXT_ATTEMPT_AT, nextAttemptAt)
                .set(OUTREACH_MESSAGE.UPDATED_AT, now)
                .where(OUTREACH_MESSAGE.ID.eq(id)).execute();
    }

    /** One more gate check for a deferred message; the number of this check. */
    public int nextGateCheck(UUID id) {
        db.update(OUTREACH_MESSAGE).set(OUTREACH_MESSAGE.GATE_CHECKS, OUTREACH_MESSAGE.GATE_CHECKS.plus(1))
                .where(OUTREACH_MESSAGE.ID.eq(id)).execute();
        return db.select(OUTREACH_MESSAGE.GATE_CHECKS).from(OUTREACH_MESSAGE).where(OUTREACH_MESSAGE.ID.eq(id))
                .fetchSingle().value1();
    }

    /** An attempt to hand the message over: sent, or not (then retried at {@code retryAt}, or failed when null). */
    public void attempted(UUID id, boolean sent, List<String> reasons, Instant retryAt, Instant now) {
        var update = db.update(OUTREACH_MESSAGE).set(OUTREACH_MESSAGE.ATTEMPTS, OUTREACH_MESSAGE.ATTEMPTS.plus(1))
                .set(OUTREACH_MESSAGE.UPDATED_AT, now)
                .set(OUTREACH_MESSAGE.REASONS, String.join(",", reasons));
        if (sent) {
            update.set(OUTREACH_MESSAGE.BODY, DSL.when(OUTREACH_MESSAGE.TEMPLATE.in(MessageTemplates.SECRET),
                            DSL.inline("")).otherwise(OUTREACH_MESSAGE.BODY))
                    .set(OUTREACH_MESSAGE.STATUS, Message.Status.SENT.code()).set(OUTREACH_MESSAGE.SENT_AT, now)
                    .setNull(OUTREACH_MESSAGE.NEXT_ATTEMPT_AT).where(OUTREACH_MESSAGE.ID.eq(id)).execute();
        } else if (retryAt != null) {
            update.set(OUTREACH_MESSAGE.NEXT_ATTEMPT_AT, retryAt).where(OUTREACH_MESSAGE.ID.eq(id)).execute();
        } else {
            update.set(OUTREACH_MESSAGE.STATUS, Message.Status.FAILED.code())
                    .setNull(OUTREACH_MESSAGE.NEXT_ATTEMPT_AT).where(OUTREACH_MESSAGE.ID.eq(id)).execute();
        }
    }

    /**
     * Records a provider's report on a sent message: delivered and opened keep their first time; a bounce settles
     * it. Returns false when the message was not sent (nothing to report on).
     */
    public boolean report(UUID id, String type, Instant at, Instant now) {
        var sent = OUTREACH_MESSAGE.STATUS.in(Message.Status.SENT.code(), Message.Status.DELIVERED.code(),
                Message.Status.BOUNCED.code());
        var update = db.update(OUTREACH_MESSAGE).set(OUTREACH_MESSAGE.UPDATED_AT, now);
        var stillSent = OUTREACH_MESSAGE.STATUS.eq(Message.Status.SENT.code());
        var statusAfter = switch (type) {
            case "bounced" -> DSL.inline(Message.Status.BOUNCED.code());
            default -> DSL.when(stillSent, DSL.inline(Message.Status.DELIVERED.code()))
                    .otherwise(OUTREACH_MESSAGE.STATUS);
        };
        update.set(OUTREACH_MESSAGE.STATUS, statusAfter);
        if (!type.equals("bounced")) {
            update.set(OUTREACH_MESSAGE.DELIVERED_AT, DSL.coalesce(OUTREACH_MESSAGE.DELIVERED_AT, DSL.val(at)));
        }
        if (type.equals("opened") || type.equals("clicked")) {
            update.set(OUTREACH_MESSAGE.OPENED_AT, DSL.coalesce(OUTREACH_MESSAGE.OPENED_AT, DSL.val(at)));
        }
        return update.where(OUTREACH_MESSAGE.ID.eq(id)).and(sent).execute() == 1;
    }

    /**
     * When the person's latest {@code count} marketing messages on channels that report opens were all sent and
     * none was opened: the time the latest was sent. Null otherwise.
     */
    public Instant unopenedSince(UUID person, int count) {
        var rows = db.select(OUTREACH_MESSAGE.SENT_AT, OUTREACH_MESSAGE.OPENED_AT).from(OUTREACH_MESSAGE)
                .where(OUTREACH_MESSAGE.PERSON_ID.eq(person))
                .and(OUTREACH_MESSAGE.MESSAGE_CLASS.eq("marketing"))
                .and(OUTREACH_MESSAGE.CHANNEL.in("email", "push"))
                .and(OUTREACH_MESSAGE.SENT_AT.isNotNull())
                .orderBy(OUTREACH_MESSAGE.SENT_AT.desc()).limit(count).fetch();
        if (rows.size() < count || rows.stream().anyMatch(r -> r.value2() != null)) {
            return null;
        }
        return rows.getFirst().value1();
    }

    /** A merge brings the merged-away person's messages to the person it was merged into. */
    public void merge(UUID survivor, UUID merged) {
        db.update(OUTREACH_MESSAGE).set(OUTREACH_MESSAGE.PERSON_ID, survivor)
                .where(OUTREACH_MESSAGE.PERSON_ID.eq(merged)).execute();
    }

    /** Erasure: what the messages said and where they went is removed; waiting ones are cancelled. */
    public void erase(UUID[] persons, Instant now) {
        db.update(OUTREACH_MESSAGE)
                .set(OUTREACH_MESSAGE.STATUS, DSL.when(OUTREACH_MESSAGE.NEXT_ATTEMPT_AT.isNotNull(),
                        DSL.inline(Message.Status.CANCELLED.code())).otherwise(OUTREACH_MESSAGE.STATUS))
                .set(OUTREACH_MESSAGE.REASONS, DSL.when(OUTREACH_MESSAGE.NEXT_ATTEMPT_AT.isNotNull(),
                        DSL.inline("suppressed")).otherwise(OUTREACH_MESSAGE.REASONS))
                .setNull(OUTREACH_MESSAGE.NEXT_ATTEMPT_AT)
                .setNull(OUTREACH_MESSAGE.RECIPIENT).setNull(OUTREACH_MESSAGE.SUBJECT)
                .set(OUTREACH_MESSAGE.BODY, "")
                .set(OUTREACH_MESSAGE.IDEMPOTENCY_KEY,
                        DSL.concat(DSL.inline("erased:"), OUTREACH_MESSAGE.ID.cast(String.class)))
                .setNull(OUTREACH_MESSAGE.CAMPAIGN)
                .set(OUTREACH_MESSAGE.UPDATED_AT, now)
                .where(OUTREACH_MESSAGE.PERSON_ID.in(persons)).execute();
    }

    private static Message message(OutreachMessageRecord r) {
        return new Message(r.getId(), r.getIdempotencyKey(), r.getPersonId(), r.getChannel(), r.getMessageClass(),
                r.getTopic(), r.getCampaign(), r.getTemplate(), r.getLocale(), r.getRecipient(), r.getSubject(),
                r.getBody(), Message.Status.of(r.getStatus()),
                r.getReasons().isEmpty() ? List.of() : Arrays.asList(r.getReasons().split(",")), r.getDecisionId(),
                r.getAttempts(), r.getSendAt(), r.getExpiresAt(), r.getNextAttemptAt(), r.getCreatedAt(),
                r.getCreatedBy(), r.getSentAt(), r.getDeliveredAt(), r.getOpenedAt(), r.getUpdatedAt(), false);
    }
}
