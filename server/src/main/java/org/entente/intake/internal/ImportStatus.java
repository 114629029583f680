package org.entente.intake.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Where an import stands.
 *
 * @param state         {@code queued}, {@code running}, {@code completed} or {@code failed}
 * @param rowsAccepted  rows recorded by this import
 * @param rowsDuplicate rows already recorded before (an import of the same file again changes nothing)
 * @param rowsPerSecond rows read per second since the import started
 * @param estimatedEnd  when a running import should end at its current pace; null otherwise
 * @param error         why a failed import stopped
 */
public record ImportStatus(UUID id, String kind, String state, Instant createdAt, Instant startedAt,
                           Instant finishedAt, long bytes, long bytesRead, long rowsRead, long rowsAccepted,
                           long rowsDuplicate, long rowsRejected, double rowsPerSecond, Instant estimatedEnd,
                           String error) {

    static ImportStatus of(UUID id, String kind, String state, Instant createdAt, Instant startedAt,
                           Instant finishedAt, long bytes, long bytesRead, long rowsRead, long accepted,
                           long duplicate, long rejected, String error, Instant now) {
        double rate = 0;
        Instant estimatedEnd = null;
        if (startedAt != null) {
            Instant end = finishedAt != null ? finishedAt : now;
            double seconds = Math.max(Duration.between(startedAt, end).toNanos() / 1e9, 0.001);
            rate = Math.round(rowsRead / seconds * 10) / 10.0;
            if ("running".equals(state) && bytesRead > 0 && bytes > 0) {
                double fraction = Math.min(1.0, (double) bytesRead / bytes);
                estimatedEnd = startedAt.plusNanos((long) (seconds / fraction * 1e9));
            }
        }
        return new ImportStatus(id, kind, state, createdAt, startedAt, finishedAt, bytes, bytesRead, rowsRead,
                accepted, duplicate, rejected, rate, estimatedEnd, error);
    }
}
