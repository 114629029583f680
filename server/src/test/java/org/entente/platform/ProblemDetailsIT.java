package org.entente.platform;

import org.entente.support.ApiIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input of every kind gets a clear problem+json 4xx, never a 500 and never a stack trace. */
class ProblemDetailsIT extends ApiIT {

    private static final String KEYS = "/api/v1/admin/api-keys";

    @Test
    void malformedJsonIsBadRequest() {
        JsonNode problem = assertProblem(postJson(KEYS, BOOTSTRAP_KEY, "{\"name\": \"x\", \"scopes\": [\"read\""), 400,
                "malformed_json");
        assertThat(problem.path("detail").asString()).contains("JSON");
        assertProblem(postJson(KEYS, BOOTSTRAP_KEY, "not json at all"), 400, "malformed_json");
        assertProblem(postJson(KEYS, BOOTSTRAP_KEY, ""), 400, "malformed_json");
    }

    @Test
    void wrongJsonShapeNamesTheField() {
        JsonNode problem = assertProblem(postJson(KEYS, BOOTSTRAP_KEY, "{\"name\": \"x\", \"scopes\": \"read\"}"), 400,
                "validation");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("scopes");
        assertProblem(postJson(KEYS, BOOTSTRAP_KEY, "[1, 2, 3]"), 400, "validation");
    }

    @Test
    void unknownScopeIsRejectedWithTheAllowedOnes() {
        JsonNode problem = assertProblem(postJson(KEYS, BOOTSTRAP_KEY,
                "{\"name\": \"x\", \"scopes\": [\"read\", \"superuser\"]}"), 400, "validation");
        JsonNode error = problem.path("errors").get(0);
        assertThat(error.path("field").asString()).isEqualTo("scopes[1]");
        assertThat(error.path("message").asString()).contains("superuser").contains("ingest, checkout");
    }

    @Test
    void unknownPropertyIsRejected() {
        JsonNode problem = assertProblem(postJson(KEYS, BOOTSTRAP_KEY,
                "{\"name\": \"x\", \"scopes\": [\"read\"], \"isAdmin\": true}"), 400, "validation");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("isAdmin");
    }

    @Test
    void invalidFieldsAreListedOneByOne() {
        JsonNode problem = assertProblem(postJson(KEYS, BOOTSTRAP_KEY, "{\"name\": \"  \", \"scopes\": []}"), 400,
                "validation");
        assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("name", "scopes");
        JsonNode longName = assertProblem(postJson(KEYS, BOOTSTRAP_KEY,
                "{\"name\": \"" + "n".repeat(101) + "\", \"scopes\": [\"read\"]}"), 400, "validation");
        assertThat(longName.path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertProblem(postJson(KEYS, BOOTSTRAP_KEY, "{\"name\": \"tab\\there\", \"scopes\": [\"read\"]}"), 400,
                "validation");
        assertProblem(postJson(KEYS, BOOTSTRAP_KEY, "{\"name\": \"past\", \"scopes\": [\"read\"], "
                + "\"expiresAt\": \"2020-01-01T00:00:00Z\"}"), 400, "validation");
        assertProblem(postJson(KEYS, BOOTSTRAP_KEY, "{\"name\": \"when\", \"scopes\": [\"read\"], "
                + "\"expiresAt\": \"next tuesday\"}"), 400, "validation");
    }

    @Test
    void problemsSpeakTheClientsLanguage() {
        HttpResponse<String> french = send(request(KEYS, BOOTSTRAP_KEY).header("Content-Type", "application/json")
                .header("Accept-Language", "fr-FR,fr;q=0.9").POST(HttpRequest.BodyPublishers.ofString("{oops")));
        assertThat(assertProblem(french, 400, "malformed_json").path("detail").asString()).contains("n'est pas");

        HttpResponse<String> frenchValidation = send(request(KEYS, BOOTSTRAP_KEY)
                .header("Content-Type", "application/json").header("Accept-Language", "fr")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"\", \"scopes\": [\"read\"]}")));
        assertThat(assertProblem(frenchValidation, 400, "validation").path("errors").get(0).path("message").asString())
                .contains("vide");

        HttpResponse<String> unauthenticated = send(request("/api/v1/ping").header("Accept-Language", "fr").GET());
        assertThat(assertProblem(unauthenticated, 401, "missing_api_key").path("detail").asString()).contains("clé");

        // The first language Entente speaks wins, in filters as in controllers.
        HttpResponse<String> germanThenFrench = send(request("/api/v1/ping")
                .header("Accept-Language", "de-DE, fr;q=0.9, en;q=0.8").GET());
        assertThat(assertProblem(germanThenFrench, 401, "missing_api_key").path("detail").asString()).contains("clé");

        // A language Entente does not speak falls back to English.
        HttpResponse<String> german = send(request("/api/v1/ping").header("Accept-Language", "de").GET());
        assertThat(assertProblem(german, 401, "missing_api_key").path("detail").asString()).contains("API key is required");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        assertProblem(send(request(KEYS, BOOTSTRAP_KEY).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x"))), 415, "unsupported_media_type");
        assertProblem(send(request(KEYS, BOOTSTRAP_KEY).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<key/>"))), 415, "unsupported_media_type");
    }

    @Test
    void oversizedBodyIsContentTooLarge() {
        String big = "{\"name\": \"" + "a".repeat(1024 * 1024) + "\", \"scopes\": [\"read\"]}";
        JsonNode problem = assertProblem(postJson(KEYS, BOOTSTRAP_KEY, big), 413, "payload_too_large");
        assertThat(problem.path("detail").asString()).contains("1048576");
    }

    @Test
    void oversizedChunkedBodyIsContentTooLarge() {
        // No Content-Length: the limit must hold while the body is read.
        byte[] big = ("{\"name\": \"" + "a".repeat(1100 * 1024) + "\", \"scopes\": [\"read\"]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(request(KEYS, BOOTSTRAP_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(big))));
        assertProblem(response, 413, "payload_too_large");
    }

    @Test
    void unknownRouteIsNotFound() {
        JsonNode problem = assertProblem(get("/api/v1/no-such-thing", BOOTSTRAP_KEY), 404, "not_found");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/no-such-thing");
        assertProblem(get("/api/v2/ping", BOOTSTRAP_KEY), 404, "not_found");
        // A browser asking for an API path still gets problem+json.
        assertProblem(send(request("/api/v1/no-such-thing", BOOTSTRAP_KEY).header("Accept", "text/html").GET()), 404,
                "not_found");
    }

    @Test
    void requestsTomcatRefusesAreProblemsToo() throws Exception {
        // Java's HTTP client will not send these, so they go over a raw socket, as an attacker's would.
        for (String path : List.of("/api/v1/ping%00", "/api/v1/..%2Factuator/env", "/api/v1/admin/api-keys/%",
                "/api/v1/ping?x=" + "a".repeat(10_000))) {
            String answer = rawGet(path);
            assertThat(answer).as(path).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"code\":\"bad_request\"").doesNotContain("<html").doesNotContain("Exception");
        }
    }

    private String rawGet(String path) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + BOOTSTRAP_KEY
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        assertProblem(send(request("/api/v1/ping", BOOTSTRAP_KEY).DELETE()), 405, "method_not_allowed");
        HttpResponse<String> french = send(request("/api/v1/ping", BOOTSTRAP_KEY).header("Accept-Language", "fr")
                .method("PUT", HttpRequest.BodyPublishers.noBody()));
        assertThat(assertProblem(french, 405, "method_not_allowed").path("detail").asString()).contains("pas permise");
    }

    @Test
    void springsOwnHandlersHaveNoScope() {
        // OPTIONS is answered by Spring itself, with no declared scope: refused like any undeclared endpoint.
        assertProblem(send(request("/api/v1/ping", BOOTSTRAP_KEY).method("OPTIONS", HttpRequest.BodyPublishers.noBody())),
                403, "forbidden");
    }

    @Test
    void everyWritingEndpointRefusesBadBodies() {
        String staffId = json(postJson("/api/v1/admin/staff-users", BOOTSTRAP_KEY, "{\"username\": \""
                + unique("body.") + "\", \"displayName\": \"Body\", \"roles\": [\"AGENT\"]}")).path("user").path("id").asString();
        List<String[]> endpoints = List.of(new String[]{"POST", KEYS}, new String[]{"POST", "/api/v1/admin/staff-users"},
                new String[]{"PATCH", "/api/v1/admin/staff-users/" + staffId});
        String oversized = "{\"displayName\": \"" + "a".repeat(1024 * 1024) + "\"}";
        for (String[] endpoint : endpoints) {
            assertProblem(body(endpoint, "application/json", "{\"broken\":"), 400, "malformed_json");
            assertProblem(body(endpoint, "application/json", "null"), 400, "malformed_json");
            assertProblem(body(endpoint, "application/json", "{\"\\u0000\": 1}"), 400, "validation");
            assertProblem(body(endpoint, "text/csv", "a,b"), 415, "unsupported_media_type");
            assertProblem(body(endpoint, "application/json", oversized), 413, "payload_too_large");
        }
    }

    private HttpResponse<String> body(String[] endpoint, String contentType, String body) {
        return send(request(endpoint[1], BOOTSTRAP_KEY).header("Content-Type", contentType)
                .method(endpoint[0], HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void malformedParametersAreBadRequest() {
        JsonNode id = assertProblem(get(KEYS + "/not-a-uuid", BOOTSTRAP_KEY), 400, "validation");
        assertThat(id.path("errors").get(0).path("field").asString()).isEqualTo("id");
        JsonNode limit = assertProblem(get(KEYS + "?limit=100000", BOOTSTRAP_KEY), 400, "validation");
        assertThat(limit.path("errors").get(0).path("field").asString()).isEqualTo("limit");
        assertProblem(get(KEYS + "?limit=abc", BOOTSTRAP_KEY), 400, "validation");
        JsonNode cursor = assertProblem(get(KEYS + "?cursor=garbage!", BOOTSTRAP_KEY), 400, "validation");
        assertThat(cursor.path("errors").get(0).path("field").asString()).isEqualTo("cursor");
        JsonNode from = assertProblem(get("/api/v1/admin/audit-events?from=yesterday", BOOTSTRAP_KEY), 400, "validation");
        assertThat(from.path("errors").get(0).path("field").asString()).isEqualTo("from");
        assertProblem(get("/api/v1/admin/audit-events?cursor=" + Cursors.encode("x"),
                BOOTSTRAP_KEY), 400, "validation");
    }
}
