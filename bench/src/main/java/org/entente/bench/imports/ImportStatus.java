package org.entente.bench.imports;

import org.entente.bench.http.Json;
import tools.jackson.databind.JsonNode;

/**
 * What the server tells of an import, in the answer to its upload and in {@code GET /api/v1/imports/{id}}: the
 * fields the scenario reads. A figure the server leaves out or sends as null (while the import is queued, say)
 * reads as 0.
 *
 * @param id            the import's id
 * @param state         {@code queued}, {@code running}, {@code completed} or {@code failed}
 * @param rowsRead      data rows read so far
 * @param rowsAccepted  of those, the ones taken
 * @param rowsRejected  of those, the ones refused
 * @param rowsPerSecond the server's own throughput figure
 * @param error         why it failed; empty if it did not or the server did not say
 */
public record ImportStatus(String id, String state, long rowsRead, long rowsAccepted, long rowsRejected,
                           double rowsPerSecond, String error) {

    /**
     * Reads a JSON body.
     *
     * @throws IllegalArgumentException if it has no {@code id} or no {@code state}
     */
    static ImportStatus parse(byte[] body) {
        JsonNode json = Json.MAPPER.readTree(body);
        String id = json.path("id").asString("");
        String state = json.path("state").asString("");
        if (id.isBlank() || state.isBlank()) {
            throw new IllegalArgumentException("an import's id and state expected");
        }
        return new ImportStatus(id, state, json.path("rowsRead").asLong(0), json.path("rowsAccepted").asLong(0),
                json.path("rowsRejected").asLong(0), json.path("rowsPerSecond").asDouble(0),
                json.path("error").asString(""));
    }

    /** Whether the import is over, completed or failed. */
    public boolean finished() {
        return "completed".equals(state) || "failed".equals(state);
    }

    /** Whether the import is over and went through the whole file. */
    public boolean completed() {
        return "completed".equals(state);
    }
}
