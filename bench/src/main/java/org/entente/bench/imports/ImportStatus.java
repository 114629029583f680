package org.entente.bench.imports;

/**
 * What {@code GET /api/v1/imports/{id}} tells of an import; the fields the scenario reads, others are ignored.
 *
 * @param id            the import's id
 * @param state         {@code queued}, {@code running}, {@code completed} or {@code failed}
 * @param rowsRead      data rows read so far
 * @param rowsAccepted  of those, the ones taken
 * @param rowsRejected  of those, the ones refused
 * @param rowsPerSecond the server's own throughput figure
 * @param error         why it failed, or null
 */
record ImportStatus(String id, String state, long rowsRead, long rowsAccepted, long rowsRejected,
                    double rowsPerSecond, String error) {

    boolean finished() {
        return "completed".equals(state) || "failed".equals(state);
    }

    boolean completed() {
        return "completed".equals(state);
    }
}
