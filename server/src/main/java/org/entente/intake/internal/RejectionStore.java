package org.entente.intake.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.platform.CursorPage;
import org.entente.platform.Cursors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.entente.intake.db.Tables.INTAKE_REJECTION;
import static org.jooq.impl.DSL.noCondition;

/** Rejected events, kept with their reason (principle 6: rejections are data). */
@Repository
public class RejectionStore {

    private final DSLContext db;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    RejectionStore(DSLContext db) {
        this.db = db;
    }

    /** A stored rejection. {@code payload} is the event as sent (truncated to 16,000 characters). */
    public record StoredRejection(UUID id, Instant receivedAt, String sender, IntakeSource source, String eventId,
                                  String eventType, Rejection reason, String payload) {
    }

    void store(List<CheckedEvent.Rejected> rejected, String sender, IntakeSource source, Instant at) {
        if (rejected.isEmpty()) {
            return;
        }
        var insert = db.batch(db.insertInto(INTAKE_REJECTION, INTAKE_REJECTION.ID, INTAKE_REJECTION.RECEIVED_AT,
                        INTAKE_REJECTION.SENDER, INTAKE_REJECTION.SOURCE, INTAKE_REJECTION.EVENT_ID,
                        INTAKE_REJECTION.EVENT_TYPE, INTAKE_REJECTION.REASON, INTAKE_REJECTION.FIELD,
                        INTAKE_REJECTION.PAYLOAD)
                .values((UUID) null, null, null, null, null, null, null, null, null));
        for (CheckedEvent.Rejected r : rejected) {
            insert.bind(ids.generate(), at, sender, source.code(), r.id(), r.type(), r.rejection().code(),
                    r.rejection().field(), r.payload());
        }
        insert.execute();
    }

    /** Newest first; only {@code sender}'s when it is given. */
    public CursorPage<StoredRejection> list(String sender, String cursor, int limit) {
        Condition condition = sender == null ? noCondition() : INTAKE_REJECTION.SENDER.eq(sender);
        if (cursor != null) {
            condition = condition.and(INTAKE_REJECTION.ID.lt(Cursors.decodeUuid(cursor)));
        }
        List<StoredRejection> rows = db.selectFrom(INTAKE_REJECTION).where(condition)
                .orderBy(INTAKE_REJECTION.ID.desc()).limit(limit + 1)
                .fetch(row -> new StoredRejection(row.getId(), row.getReceivedAt(), row.getSender(),
                        IntakeSource.valueOf(row.getSource().toUpperCase(java.util.Locale.ROOT)), row.getEventId(),
                        row.getEventType(), new Rejection(row.getReason(), row.getField(), null), row.getPayload()));
        return CursorPage.of(rows, limit, row -> Cursors.encode(row.id().toString()));
    }
}
