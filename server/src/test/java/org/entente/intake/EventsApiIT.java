package org.entente.intake;

import org.entente.support.ApiIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.support.Events.batch;
import static org.entente.support.Events.event;
import static org.entente.support.Events.purchase;

class EventsApiIT extends ApiIT {

    private JsonNode post(String body) {
        HttpResponse<String> response = postJson("/api/v1/events", BOOTSTRAP_KEY, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response);
    }

    @Test
    void oneEventIsAcceptedOnceAndItsReplayChangesNothing() {
        String customer = unique("EV-");
        ObjectNode purchase = purchase(Map.of("customerId", customer), unique("O-"), "19.99", "2026-11-01T09:00:00Z");
        JsonNode first = post(purchase.toString());
        assertThat(first.path("accepted").asInt()).isEqualTo(1);
        assertThat(first.path("results").get(0).path("status").asString()).isEqualTo("accepted");
        String profileId = first.path("results").get(0).path("profileId").asString();

        JsonNode replay = post(batch(List.of(purchase, purchase)));
        assertThat(replay.path("duplicates").asInt()).isEqualTo(2);
        JsonNode profile = json(get("/api/v1/profiles/" + profileId, BOOTSTRAP_KEY));
        assertThat(profile.path("statistics").path("purchases").get(0).path("orders").asLong()).isEqualTo(1);
        assertThat(profile.path("statistics").path("events").asLong()).isEqualTo(1);
    }

    @Test
    void aRepeatedIdInOneBatchIsAcceptedOnceThenDuplicate() {
        ObjectNode event = event("page_view", Map.of("anonymousId", unique("a-")));
        JsonNode answer = post(batch(List.of(event, event)));
        assertThat(answer.path("results").get(0).path("status").asString()).isEqualTo("accepted");
        assertThat(answer.path("results").get(1).path("status").asString()).isEqualTo("duplicate");
    }

    @Test
    void lateEventsAreNormalAndTheTimelineIsOrderedByWhenThingsHappened() {
        String anonymous = unique("late-");
        ObjectNode recent = event("page_view", Map.of("anonymousId", anonymous));
        recent.put("occurredAt", "2026-11-20T10:00:00Z");
        ObjectNode offline = event("store_visit", Map.of("anonymousId", anonymous));
        offline.put("occurredAt", "2025-01-15T08:30:00+01:00");
        offline.put("channel", "store");
        ObjectNode now = event("page_view", Map.of("anonymousId", anonymous));
        now.remove("occurredAt");
        post(batch(List.of(recent, offline, now)));
        String id = json(get("/api/v1/profiles?identifier=anonymousId:" + anonymous, BOOTSTRAP_KEY))
                .path("id").asString();
        JsonNode timeline = json(get("/api/v1/profiles/" + id + "/timeline", BOOTSTRAP_KEY));
        assertThat(timeline.path("items").findValuesAsString("id")).containsExactly(
                now.path("id").asString(), recent.path("id").asString(), offline.path("id").asString());
        JsonNode storeOnly = json(get("/api/v1/profiles/" + id + "/timeline?channel=store", BOOTSTRAP_KEY));
        assertThat(storeOnly.path("items").findValuesAsString("id")).containsExactly(offline.path("id").asString());
        JsonNode page = json(get("/api/v1/profiles/" + id + "/timeline?limit=2", BOOTSTRAP_KEY));
        JsonNode next = json(get("/api/v1/profiles/" + id + "/timeline?limit=2&before=" + page.path("next").asString(),
                BOOTSTRAP_KEY));
        assertThat(next.path("items").findValuesAsString("id")).containsExactly(offline.path("id").asString());
        assertThat(next.path("next").isNull()).isTrue();
        JsonNode profile = json(get("/api/v1/profiles/" + id, BOOTSTRAP_KEY));
        assertThat(profile.path("acquisition").path("firstTouch").path("channel").asString()).isEqualTo("store");
        assertProblem(get("/api/v1/profiles/" + id + "/timeline?before=garbage", BOOTSTRAP_KEY), 400, "validation");
        assertProblem(get("/api/v1/profiles/" + id + "/timeline?channel=fax", BOOTSTRAP_KEY), 400, "validation");
    }

    static Stream<Object[]> rejections() {
        String future = Instant.now().plus(10, ChronoUnit.MINUTES).toString();
        return Stream.of(
                reason("not_an_object", null, e -> { }),
                reason("invalid_id", "id", e -> e.put("id", "bad\u0001id")),
                reason("missing_type", "type", e -> e.remove("type")),
                reason("invalid_type", "type", e -> e.put("type", "Order Completed")),
                reason("unknown_field", "userId", e -> e.put("userId", "x")),
                reason("invalid_occurred_at", "occurredAt", e -> e.put("occurredAt", "yesterday")),
                reason("occurred_at_in_future", "occurredAt", e -> e.put("occurredAt", future)),
                reason("unknown_channel", "channel", e -> e.put("channel", "fax")),
                reason("missing_identifiers", "identifiers", e -> e.putObject("identifiers")),
                reason("invalid_identifiers", "identifiers", e -> e.put("identifiers", "jane@example.com")),
                reason("unknown_identifier_type", "identifiers.twitter", e -> e.putObject("identifiers").put("twitter", "@j")),
                reason("invalid_identifier", "identifiers.email", e -> e.putObject("identifiers").put("email", "jane@")),
                reason("invalid_identifier", "identifiers.phone", e -> e.putObject("identifiers").put("phone", "12")),
                reason("blocked_identifier", "identifiers", e -> e.putObject("identifiers").put("anonymousId", "undefined")),
                reason("invalid_properties", "properties", e -> e.put("properties", "[]")),
                reason("properties_too_large", "properties", e -> e.putObject("properties").put("blob", "x".repeat(70_000))),
                reason("missing_property", "properties.orderId", e -> e.put("type", "purchase")),
                reason("invalid_currency", "properties.currency", e -> e.put("type", "purchase").putObject("properties")
                        .put("orderId", "1").put("currency", "EURO").put("total", 1)),
                reason("invalid_amount", "properties.total", e -> e.put("type", "purchase").putObject("properties")
                        .put("orderId", "1").put("currency", "EUR").put("total", "12.345")),
                reason("invalid_amount", "properties.total", e -> e.put("type", "purchase").putObject("properties")
                        .put("orderId", "1").put("currency", "EUR").put("total", -5)),
                reason("invalid_quantity", "properties.items[0].quantity", e -> {
                    ObjectNode p = e.put("type", "purchase").putObject("properties").put("orderId", "1")
                            .put("currency", "EUR").put("total", 1);
                    p.putArray("items").addObject().put("sku", "S").put("quantity", 0).put("unitPrice", 1);
                }),
                reason("too_many_items", "properties.items", e -> {
                    ObjectNode p = e.put("type", "purchase").putObject("properties").put("orderId", "1")
                            .put("currency", "EUR").put("total", 1);
                    var items = p.putArray("items");
                    for (int i = 0; i < 501; i++) {
                        items.addObject().put("sku", "S").put("quantity", 1).put("unitPrice", 0);
                    }
                }),
                reason("property_too_long", "properties.sku", e -> e.put("type", "product_view").putObject("properties")
                        .put("sku", "s".repeat(600))),
                reason("invalid_property", "properties.traits.timezone", e -> e.put("type", "identify")
                        .putObject("properties").putObject("traits").put("timezone", "Mars/Olympus")),
                reason("missing_property", "properties.amount", e -> e.put("type", "return").putObject("properties")
                        .put("orderId", "1").put("currency", "EUR")),
                reason("control_characters", "properties.traits.firstName", e -> e.put("type", "identify")
                        .putObject("properties").putObject("traits").put("firstName", "Ann\u0000e")));
    }

    private static Object[] reason(String code, String field, Consumer<ObjectNode> spoil) {
        return new Object[]{code, field, spoil};
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("rejections")
    void everyRejectionIsExplainedAndKeptWhileTheRestOfTheBatchIsAccepted(String code, String field,
                                                                          Consumer<ObjectNode> spoil) {
        String key = createKey("sender", "ingest");
        ObjectNode good = event("page_view", Map.of("anonymousId", unique("ok-")));
        ObjectNode bad = event("page_view", Map.of("anonymousId", unique("bad-")));
        String body;
        if (code.equals("not_an_object")) {
            body = "{\"events\": [" + good + ", 42]}";
        } else {
            spoil.accept(bad);
            body = batch(List.of(good, bad));
        }
        HttpResponse<String> response = send(request("/api/v1/events", key).header("Content-Type", "application/json")
                .header("Accept-Language", "fr").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json(response);
        assertThat(answer.path("accepted").asInt()).isEqualTo(1);
        assertThat(answer.path("rejected").asInt()).isEqualTo(1);
        JsonNode reason = answer.path("results").get(1).path("reason");
        assertThat(reason.path("code").asString()).isEqualTo(code);
        if (field != null) {
            assertThat(reason.path("field").asString()).isEqualTo(field);
        }
        assertThat(reason.path("message").asString()).isNotBlank().doesNotStartWith("intake.");

        List<JsonNode> stored = new ArrayList<>();
        json(get("/api/v1/intake/rejections", key)).path("items").forEach(stored::add);
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().path("reason").path("code").asString()).isEqualTo(code);
        assertThat(stored.getFirst().path("source").asString()).isEqualTo("api");
    }

    @Test
    void rejectionsAreVisibleToTheirSenderAndToReaders() {
        String sender = createKey("sender", "ingest");
        String other = createKey("other", "ingest");
        send(request("/api/v1/events", sender).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"page_view\"}")));
        assertThat(json(get("/api/v1/intake/rejections", sender)).path("items")).hasSize(1);
        assertThat(json(get("/api/v1/intake/rejections", other)).path("items")).isEmpty();
        assertThat(json(get("/api/v1/intake/rejections?limit=200", createKey("reader", "read"))).path("items"))
                .isNotEmpty();
        assertProblem(get("/api/v1/intake/rejections", createKey("checkout", "checkout")), 403, "forbidden");
    }

    @Test
    void malformedOversizedAndHostileRequestsAreRefusedWithoutKeepingAnything() {
        assertProblem(postJson("/api/v1/events", BOOTSTRAP_KEY, "{\"type\": "), 400, "malformed_json");
        assertProblem(postJson("/api/v1/events", BOOTSTRAP_KEY, ""), 400, "malformed_json");
        assertProblem(postJson("/api/v1/events", BOOTSTRAP_KEY, "[1, 2]"), 400, "bad_request");
        assertProblem(postJson("/api/v1/events", BOOTSTRAP_KEY, "{\"events\": []}"), 400, "bad_request");
        assertProblem(postJson("/api/v1/events", BOOTSTRAP_KEY, "{\"events\": {}}"), 400, "bad_request");
        assertProblem(postJson("/api/v1/events", BOOTSTRAP_KEY,
                "{\"type\": \"page_view\", \"type\": \"purchase\", \"identifiers\": {\"anonymousId\": \"x\"}}"),
                400, "malformed_json");
        assertProblem(postJson("/api/v1/events", BOOTSTRAP_KEY, "[".repeat(5000) + "]".repeat(5000)), 400,
                "malformed_json");
        List<ObjectNode> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(event("page_view", Map.of("anonymousId", "many")));
        }
        assertProblem(postJson("/api/v1/events", BOOTSTRAP_KEY, batch(many)), 400, "bad_request");
        String huge = "{\"events\": [{\"type\": \"x\", \"properties\": {\"p\": \"" + "x".repeat(1_100_000) + "\"}}]}";
        assertProblem(postJson("/api/v1/events", BOOTSTRAP_KEY, huge), 413, "payload_too_large");
        assertProblem(send(request("/api/v1/events", BOOTSTRAP_KEY).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))), 415, "unsupported_media_type");
        assertProblem(postJson("/api/v1/events", createKey("reader", "read"), "{}"), 403, "forbidden");
        assertProblem(send(request("/api/v1/events").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 401, "missing_api_key");
        // Hostile values are data, never code: stored and returned as sent.
        String script = "<script>alert(1)</script>'; drop table profile_event; --";
        ObjectNode hostile = event("page_view", Map.of("customerId", script));
        hostile.putObject("properties").put("title", script);
        JsonNode answer = json(postJson("/api/v1/events", BOOTSTRAP_KEY, hostile.toString()));
        assertThat(answer.path("accepted").asInt()).isEqualTo(1);
        String encoded = java.net.URLEncoder.encode("customerId:" + script, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode profile = json(get("/api/v1/profiles?identifier=" + encoded, BOOTSTRAP_KEY));
        String id = profile.path("id").asString();
        assertThat(json(get("/api/v1/profiles/" + id + "/timeline", BOOTSTRAP_KEY)).path("items").get(0)
                .path("properties").path("title").asString()).isEqualTo(script);
    }

    @Test
    void profileLookupsAreValidated() {
        assertProblem(get("/api/v1/profiles?identifier=nocolon", BOOTSTRAP_KEY), 400, "validation");
        assertProblem(get("/api/v1/profiles?identifier=twitter:x", BOOTSTRAP_KEY), 400, "validation");
        assertProblem(get("/api/v1/profiles?identifier=email:not-an-email", BOOTSTRAP_KEY), 400, "validation");
        assertProblem(get("/api/v1/profiles?identifier=email:nobody-here@example.com", BOOTSTRAP_KEY), 404,
                "not_found");
        assertProblem(get("/api/v1/profiles/" + java.util.UUID.randomUUID(), BOOTSTRAP_KEY), 404, "not_found");
        assertProblem(get("/api/v1/profiles/not-a-uuid", BOOTSTRAP_KEY), 400, "validation");
        assertProblem(get("/api/v1/profiles/search?q=a", BOOTSTRAP_KEY), 400, "validation");
        assertThat(get("/api/v1/profiles/search?q=%25_", BOOTSTRAP_KEY).statusCode()).isEqualTo(200);
    }
}
