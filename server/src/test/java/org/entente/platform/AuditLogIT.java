package org.entente.platform;

import org.entente.support.ApiIT;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/** The audit log is readable by admins, filterable, paged, and append-only down to the database. */
class AuditLogIT extends ApiIT {

    @Autowired
    DSLContext db;

    @Test
    void theDatabaseRefusesToChangeOrDeleteEntries() {
        createKey("audited", "read");
        assertThatThrownBy(() -> db.update(table("platform_audit_event")).set(field("actor"), "someone else").execute())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.deleteFrom(table("platform_audit_event")).execute())
                .hasMessageContaining("append-only");
    }

    @Test
    void entriesArePagedNewestFirstAndFiltered() {
        for (int i = 0; i < 3; i++) {
            createKey("audit-page", "read");
        }
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            JsonNode body = json(get("/api/v1/admin/audit-events?action=api_key.created&limit=1"
                    + (cursor == null ? "" : "&cursor=" + cursor), BOOTSTRAP_KEY));
            body.path("items").forEach(e -> {
                assertThat(e.path("action").asString()).isEqualTo("api_key.created");
                ids.add(e.path("id").asLong());
            });
            cursor = body.path("next").asString();
        }
        assertThat(ids).hasSize(3).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));

        JsonNode future = json(get("/api/v1/admin/audit-events?from=2999-01-01T00:00:00Z", BOOTSTRAP_KEY));
        assertThat(future.path("items").size()).isZero();
        assertThat(future.path("next").isNull()).isTrue();
    }

    @Test
    void bootstrapIsAuditedAsTheSystem() {
        JsonNode body = json(get("/api/v1/admin/audit-events?actor=system&limit=200", BOOTSTRAP_KEY));
        assertThat(body.path("items").valueStream().map(e -> e.path("action").asString()))
                .contains("api_key.created", "staff.created");
    }
}
