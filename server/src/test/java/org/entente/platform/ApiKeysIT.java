package org.entente.platform;

import org.entente.support.ApiIT;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/** API keys: the secret is shown once and stored only as a hash; listing pages; revocation; audit. */
class ApiKeysIT extends ApiIT {

    private static final String KEYS = "/api/v1/admin/api-keys";

    @Autowired
    DSLContext db;

    @Test
    void secretIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
        String name = unique("till-");
        HttpResponse<String> created = postJson(KEYS, BOOTSTRAP_KEY,
                "{\"name\": \"" + name + "\", \"scopes\": [\"checkout\", \"read\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode key = json(created);
        String secret = key.path("secret").asString();
        String id = key.path("id").asString();
        assertThat(secret).startsWith("ent_").hasSizeGreaterThanOrEqualTo(40);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(KEYS + "/" + id));
        assertThat(key.path("prefix").asString()).isEqualTo(secret.substring(0, 12) + "…");

        HttpResponse<String> fetched = get(KEYS + "/" + id, BOOTSTRAP_KEY);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).doesNotContain(secret).doesNotContain("\"secret\"");
        assertThat(json(fetched).path("scopes").valueStream().map(JsonNode::asString)).containsExactly("checkout", "read");

        String stored = db.select(field("secret_hash", String.class)).from(table("platform_api_key"))
                .where(field("id", UUID.class).eq(UUID.fromString(id))).fetchOne(0, String.class);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(StandardCharsets.UTF_8)));
        assertThat(stored).isEqualTo(expected).isNotEqualTo(secret);
    }

    @Test
    void revocationIsIdempotentAndAuditedOnce() {
        HttpResponse<String> created = postJson(KEYS, BOOTSTRAP_KEY,
                "{\"name\": \"" + unique("old-") + "\", \"scopes\": [\"ingest\"]}");
        String id = json(created).path("id").asString();

        assertThat(send(request(KEYS + "/" + id, BOOTSTRAP_KEY).DELETE()).statusCode()).isEqualTo(204);
        assertThat(send(request(KEYS + "/" + id, BOOTSTRAP_KEY).DELETE()).statusCode()).isEqualTo(204);

        JsonNode key = json(get(KEYS + "/" + id, BOOTSTRAP_KEY));
        assertThat(key.path("revokedAt").isNull()).isFalse();
        assertThat(key.path("revokedBy").asString()).startsWith("bootstrap");

        JsonNode audit = json(get("/api/v1/admin/audit-events?action=api_key.revoked&limit=200", BOOTSTRAP_KEY));
        assertThat(audit.path("items").valueStream().filter(e -> e.path("target").asString().equals(id)).count())
                .isEqualTo(1);
        JsonNode createdAudit = json(get("/api/v1/admin/audit-events?action=api_key.created&limit=200", BOOTSTRAP_KEY));
        JsonNode entry = createdAudit.path("items").valueStream().filter(e -> e.path("target").asString().equals(id))
                .findFirst().orElseThrow();
        assertThat(entry.path("actorType").asString()).isEqualTo("API_KEY");
        assertThat(entry.path("details").asString()).contains("ingest").doesNotContain("ent_");
    }

    @Test
    void revokingAnUnknownKeyIsNotFound() {
        assertProblem(send(request(KEYS + "/" + UUID.randomUUID(), BOOTSTRAP_KEY).DELETE()), 404, "not_found");
    }

    @Test
    void listingPagesThroughEveryKeyOnce() {
        for (int i = 0; i < 5; i++) {
            createKey("page", "read");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = get(KEYS + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), BOOTSTRAP_KEY);
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = json(page);
            assertThat(body.path("items").size()).isLessThanOrEqualTo(2);
            body.path("items").forEach(item -> seen.add(item.path("id").asString()));
            cursor = body.path("next").isNull() ? null : body.path("next").asString();
            pages++;
        } while (cursor != null && pages < 1000);
        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(6);
        int total = db.fetchCount(table("platform_api_key"));
        assertThat(seen).hasSize(total);
    }

    @Test
    void duplicateNamesAreAllowedButSecretsAreUnique() {
        String name = unique("twin-");
        HttpResponse<String> first = postJson(KEYS, BOOTSTRAP_KEY, "{\"name\": \"" + name + "\", \"scopes\": [\"read\"]}");
        HttpResponse<String> second = postJson(KEYS, BOOTSTRAP_KEY, "{\"name\": \"" + name + "\", \"scopes\": [\"read\"]}");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(json(first).path("secret").asString()).isNotEqualTo(json(second).path("secret").asString());
    }

    @Test
    void hostileNamesAreStoredAsText() {
        String name = "<script>alert(1)</script>'; drop table platform_api_key; --";
        HttpResponse<String> created = postJson(KEYS, BOOTSTRAP_KEY,
                JSON.writeValueAsString(Map.of("name", name, "scopes", List.of("read"))));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(get(KEYS + "/" + json(created).path("id").asString(), BOOTSTRAP_KEY)).path("name").asString())
                .isEqualTo(name);
    }
}
