package org.entente.platform;

import org.entente.support.ApiIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may call the API: no key, unknown key, revoked key, wrong scope, right scope. */
class ApiAuthenticationIT extends ApiIT {

    @Test
    void noKeyIsUnauthorized() {
        HttpResponse<String> response = send(request("/api/v1/ping").GET());
        assertProblem(response, 401, "missing_api_key");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void unknownRouteWithoutKeyIsUnauthorizedNotNotFound() {
        // Without a key nobody learns which routes exist.
        assertProblem(send(request("/api/v1/does-not-exist").GET()), 401, "missing_api_key");
    }

    @Test
    void unknownMalformedOrOversizedKeysAreUnauthorized() {
        assertProblem(get("/api/v1/ping", "ent_not-a-real-key"), 401, "invalid_api_key");
        assertProblem(send(request("/api/v1/ping").header("Authorization", "Basic YWRtaW46YWRtaW4=").GET()),
                401, "invalid_api_key");
        assertProblem(send(request("/api/v1/ping").header("Authorization", "Bearer ").GET()), 401, "invalid_api_key");
        assertProblem(get("/api/v1/ping", "x".repeat(4000)), 401, "invalid_api_key");
        assertProblem(get("/api/v1/ping", "' OR 1=1 --"), 401, "invalid_api_key");
    }

    @Test
    void bootstrapKeyHasEveryScope() {
        HttpResponse<String> response = get("/api/v1/ping", BOOTSTRAP_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode pong = json(response);
        assertThat(pong.path("status").asString()).isEqualTo("ok");
        assertThat(pong.path("scopes").valueStream().map(JsonNode::asString))
                .containsExactly("ingest", "checkout", "outreach", "read", "admin");
    }

    @Test
    void anyValidKeyMayPing() {
        String ingestOnly = createKey("ping", "ingest");
        HttpResponse<String> response = get("/api/v1/ping", ingestOnly);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("scopes").valueStream().map(JsonNode::asString)).containsExactly("ingest");
    }

    @Test
    void keyWithoutTheScopeIsForbidden() {
        String readOnly = createKey("reader", "read", "ingest");
        JsonNode problem = assertProblem(get("/api/v1/admin/api-keys", readOnly), 403, "forbidden");
        assertThat(problem.path("detail").asString()).contains("admin");
        assertProblem(postJson("/api/v1/admin/api-keys", readOnly, "{\"name\":\"x\",\"scopes\":[\"admin\"]}"), 403,
                "forbidden");
        assertProblem(get("/api/v1/admin/audit-events", readOnly), 403, "forbidden");
    }

    @Test
    void revokedKeyIsUnauthorizedAtOnce() {
        HttpResponse<String> created = postJson("/api/v1/admin/api-keys", BOOTSTRAP_KEY,
                "{\"name\":\"" + unique("revoked-") + "\",\"scopes\":[\"read\"]}");
        String secret = json(created).path("secret").asString();
        String id = json(created).path("id").asString();
        assertThat(get("/api/v1/ping", secret).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = send(request("/api/v1/admin/api-keys/" + id, BOOTSTRAP_KEY).DELETE());
        assertThat(revoked.statusCode()).isEqualTo(204);

        assertProblem(get("/api/v1/ping", secret), 401, "invalid_api_key");
    }

    @Test
    void prometheusNeedsTheReadScope() {
        assertProblem(send(request("/actuator/prometheus").GET()), 401, "missing_api_key");
        assertProblem(get("/actuator/prometheus", createKey("ingest", "ingest")), 403, "forbidden");
        HttpResponse<String> metrics = get("/actuator/prometheus", createKey("metrics", "read"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }

    @Test
    void healthInfoAndApiDocsArePublic() {
        HttpResponse<String> health = send(request("/actuator/health").GET());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asString()).isEqualTo("UP");
        assertThat(send(request("/actuator/health/liveness").GET()).statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = send(request("/actuator/health/readiness").GET());
        assertThat(readiness.statusCode()).isEqualTo(200);

        HttpResponse<String> info = send(request("/actuator/info").GET());
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(json(info).path("build").path("version").asString()).isNotBlank();

        HttpResponse<String> docs = send(request("/v3/api-docs").GET());
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode openApi = json(docs);
        assertThat(openApi.path("paths").has("/api/v1/ping")).isTrue();
        assertThat(openApi.path("paths").has("/api/v1/admin/api-keys")).isTrue();
        assertThat(openApi.path("components").path("securitySchemes").path("apiKey").path("scheme").asString())
                .isEqualTo("bearer");
        assertThat(send(request("/swagger-ui.html").GET()).statusCode()).isIn(200, 302);
    }

    @Autowired
    PathMappedEndpoints endpoints;

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() {
        assertThat(endpoints.getAllRootPaths())
                .containsExactlyInAnyOrder("health", "info", "prometheus");
        assertThat(get("/actuator/env", BOOTSTRAP_KEY).statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownKeyIdIsNotFound() {
        assertProblem(get("/api/v1/admin/api-keys/" + UUID.randomUUID(), BOOTSTRAP_KEY), 404, "not_found");
    }
}
