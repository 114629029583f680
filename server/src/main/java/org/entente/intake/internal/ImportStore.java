package org.entente.intake.internal;

import org.entente.intake.ImportKind;
import org.entente.intake.ImportStatus;
import org.entente.platform.CursorPage;
import org.entente.platform.Cursors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.entente.intake.db.Tables.INTAKE_IMPORT;
import static org.entente.intake.db.Tables.INTAKE_IMPORT_REJECTION;
import static org.jooq.impl.DSL.noCondition;

/** Imports and their rejected rows. */
@Repository
class ImportStore {

    private final DSLContext db;
    private final Clock clock;

    ImportStore(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A rejected row: its line in the file (the header is line 1), why, and what it held. */
    record RejectedRow(long line, Rejection reason, String content) {
    }

    void create(UUID id, ImportKind kind, String sender, long bytes) {
        db.insertInto(INTAKE_IMPORT)
                .set(INTAKE_IMPORT.ID, id).set(INTAKE_IMPORT.KIND, kind.code()).set(INTAKE_IMPORT.STATE, "queued")
                .set(INTAKE_IMPORT.SENDER, sender).set(INTAKE_IMPORT.CREATED_AT, clock.instant())
                .set(INTAKE_IMPORT.BYTES, bytes).set(INTAKE_IMPORT.BYTES_READ, 0L)
                .set(INTAKE_IMPORT.ROWS_READ, 0L).set(INTAKE_IMPORT.ROWS_ACCEPTED, 0L)
                .set(INTAKE_IMPORT.ROWS_DUPLICATE, 0L).set(INTAKE_IMPORT.ROWS_REJECTED, 0L)
                .execute();
    }

    /** (Re)starts an import from its first row: counters are zeroed, as the rows will be read again. */
    void started(UUID id) {
        db.update(INTAKE_IMPORT).set(INTAKE_IMPORT.STATE, "running").set(INTAKE_IMPORT.STARTED_AT, clock.instant())
                .set(INTAKE_IMPORT.BYTES_READ, 0L).set(INTAKE_IMPORT.ROWS_READ, 0L)
                .set(INTAKE_IMPORT.ROWS_ACCEPTED, 0L).set(INTAKE_IMPORT.ROWS_DUPLICATE, 0L)
                .set(INTAKE_IMPORT.ROWS_REJECTED, 0L)
                .where(INTAKE_IMPORT.ID.eq(id)).execute();
        db.deleteFrom(INTAKE_IMPORT_REJECTION).where(INTAKE_IMPORT_REJECTION.IMPORT_ID.eq(id)).execute();
    }

    void progress(UUID id, long bytesRead, long read, long accepted, long duplicate, long rejected,
                  Collection<RejectedRow> rejectedRows) {
        if (!rejectedRows.isEmpty()) {
            var insert = db.batch(db.insertInto(INTAKE_IMPORT_REJECTION, INTAKE_IMPORT_REJECTION.IMPORT_ID,
                            INTAKE_IMPORT_REJECTION.LINE, INTAKE_IMPORT_REJECTION.REASON, INTAKE_IMPORT_REJECTION.FIELD,
                            INTAKE_IMPORT_REJECTION.CONTENT)
                    .values((UUID) null, null, null, null, null));
            rejectedRows.forEach(row -> insert.bind(id, row.line(), row.reason().code(), row.reason().field(),
                    row.content()));
            insert.execute();
        }
        db.update(INTAKE_IMPORT).set(INTAKE_IMPORT.BYTES_READ, bytesRead).set(INTAKE_IMPORT.ROWS_READ, read)
                .set(INTAKE_IMPORT.ROWS_ACCEPTED, accepted).set(INTAKE_IMPORT.ROWS_DUPLICATE, duplicate)
                .set(INTAKE_IMPORT.ROWS_REJECTED, rejected)
                .where(INTAKE_IMPORT.ID.eq(id)).execute();
    }

    void finished(UUID id, String state, String error) {
        db.update(INTAKE_IMPORT).set(INTAKE_IMPORT.STATE, state).set(INTAKE_IMPORT.FINISHED_AT, clock.instant())
                .set(INTAKE_IMPORT.ERROR, error)
                .where(INTAKE_IMPORT.ID.eq(id)).execute();
    }

    /** Imports that were queued or running when the server stopped. */
    List<UUID> unfinished() {
        return db.select(INTAKE_IMPORT.ID).from(INTAKE_IMPORT).where(INTAKE_IMPORT.STATE.in("queued", "running"))
                .orderBy(INTAKE_IMPORT.ID).fetch(INTAKE_IMPORT.ID);
    }

    Optional<ImportKind> kindOf(UUID id) {
        return db.select(INTAKE_IMPORT.KIND).from(INTAKE_IMPORT).where(INTAKE_IMPORT.ID.eq(id))
                .fetchOptional(INTAKE_IMPORT.KIND).flatMap(ImportKind::fromCode);
    }

    Optional<String> senderOf(UUID id) {
        return db.select(INTAKE_IMPORT.SENDER).from(INTAKE_IMPORT).where(INTAKE_IMPORT.ID.eq(id))
                .fetchOptional(INTAKE_IMPORT.SENDER);
    }

    Optional<ImportStatus> find(UUID id) {
        return db.selectFrom(INTAKE_IMPORT).where(INTAKE_IMPORT.ID.eq(id)).fetchOptional().map(this::status);
    }

    CursorPage<ImportStatus> list(String cursor, int limit) {
        Condition after = noCondition();
        if (cursor != null) {
            after = INTAKE_IMPORT.ID.lt(Cursors.decodeUuid(cursor));
        }
        List<ImportStatus> rows = db.selectFrom(INTAKE_IMPORT).where(after).orderBy(INTAKE_IMPORT.ID.desc())
                .limit(limit + 1).fetch(this::status);
        return CursorPage.of(rows, limit, row -> Cursors.encode(row.id().toString()));
    }

    CursorPage<RejectedRow> rejectedRows(UUID id, String cursor, int limit) {
        Condition after = noCondition();
        if (cursor != null) {
            try {
                after = INTAKE_IMPORT_REJECTION.LINE.gt(Long.parseLong(Cursors.decode(cursor, 1).getFirst()));
            } catch (NumberFormatException e) {
                throw Cursors.invalid();
            }
        }
        List<RejectedRow> rows = db.selectFrom(INTAKE_IMPORT_REJECTION)
                .where(INTAKE_IMPORT_REJECTION.IMPORT_ID.eq(id)).and(after)
                .orderBy(INTAKE_IMPORT_REJECTION.LINE).limit(limit + 1)
                .fetch(row -> new RejectedRow(row.getLine(), new Rejection(row.getReason(), row.getField(), null),
                        row.getContent()));
        return CursorPage.of(rows, limit, row -> Cursors.encode(Long.toString(row.line())));
    }

    private ImportStatus status(Record r) {
        var row = r.into(INTAKE_IMPORT);
        double rate = 0;
        Instant estimatedEnd = null;
        if (row.getStartedAt() != null) {
            Instant end = row.getFinishedAt() != null ? row.getFinishedAt() : clock.instant();
            double seconds = Math.max(Duration.between(row.getStartedAt(), end).toNanos() / 1e9, 0.001);
            rate = Math.round(row.getRowsRead() / seconds * 10) / 10.0;
            if ("running".equals(row.getState()) && row.getBytesRead() > 0 && row.getBytes() > 0) {
                double fraction = Math.min(1.0, (double) row.getBytesRead() / row.getBytes());
                estimatedEnd = row.getStartedAt().plusNanos((long) (seconds / fraction * 1e9));
            }
        }
        return new ImportStatus(row.getId(), row.getKind(), row.getState(), row.getCreatedAt(), row.getStartedAt(),
                row.getFinishedAt(), row.getBytes(), row.getBytesRead(), row.getRowsRead(), row.getRowsAccepted(),
                row.getRowsDuplicate(), row.getRowsRejected(), rate, estimatedEnd, row.getError());
    }
}
