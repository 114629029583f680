package org.entente.intake;

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
}
