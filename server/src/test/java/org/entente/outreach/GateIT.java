package org.entente.outreach;

import org.entente.support.ApiIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The contact gate through the API: its reasons, its reservations under parallel senders, its idempotency. */
class GateIT extends ApiIT {

    private static final String DECISIONS = "/api/v1/outreach/decisions";

    private static ObjectNode event(String type, String customer, String channel) {
        ObjectNode event = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", type)
                .put("channel", channel);
        event.putObject("identifiers").put("customerId", customer);
        event.putObject("properties");
        return event;
    }

    private String person() {
        return person(unique("gate"));
    }

    private String person(String customer) {
        send(event("sign_up", customer, "web"));
        return json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id").asString();
    }

    private void consent(String id, String channel, String status) {
        assertThat(postJson("/api/v1/profiles/" + id + "/consents", BOOTSTRAP_KEY, """
                {"purpose": "marketing", "channel": "%s", "status": "%s", "source": "web", "actor": "customer",
                 "noticeVersion": "v1"}""".formatted(channel, status)).statusCode()).isEqualTo(201);
    }

    private void prefer(String id, String preferences) {
        HttpResponse<String> saved = send(request("/api/v1/profiles/" + id + "/preferences?source=web", BOOTSTRAP_KEY)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(preferences)));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    private JsonNode decide(String id, String channel, String messageClass, String topic, String sendAt) {
        ObjectNode request = JSON.createObjectNode().put("profileId", id).put("channel", channel)
                .put("class", messageClass).put("idempotencyKey", "it-" + UUID.randomUUID());
        if (topic != null) {
            request.put("topic", topic);
        }
        if (sendAt != null) {
            request.put("sendAt", sendAt);
        }
        HttpResponse<String> response = postJson(DECISIONS, BOOTSTRAP_KEY, request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    @Test
    void everyVerdictSaysWhy() {
        String id = person();
        JsonNode noConsent = decide(id, "email", "marketing", "offers", null);
        assertThat(noConsent.path("verdict").asString()).isEqualTo("deny");
        assertThat(noConsent.path("reasons")).extracting(JsonNode::asString).containsExactly("no_consent");
        assertThat(decide(id, "email", "transactional", null, null).path("verdict").asString()).isEqualTo("allow");

        consent(id, "email", "granted");
        assertThat(decide(id, "email", "marketing", "offers", "2027-03-10T10:00:00Z").path("verdict").asString())
                .isEqualTo("allow");
        prefer(id, """
                {"channels": {"sms": {"allowed": false}}, "topics": ["tips"],
                 "quietHours": {"from": "21:00", "to": "09:00", "timezone": "Europe/Paris"}}""");
        assertThat(decide(id, "sms", "service", null, "2027-03-10T10:00:00Z").path("reasons"))
                .extracting(JsonNode::asString).containsExactly("channel_refused");
        assertThat(decide(id, "email", "marketing", "offers", "2027-03-10T10:00:00Z").path("reasons"))
                .extracting(JsonNode::asString).containsExactly("topic_refused");
        // 22:00 in Paris (UTC+1 in March before the change): quiet until 09:00 the next morning.
        JsonNode night = decide(id, "email", "marketing", "tips", "2027-03-10T21:00:00Z");
        assertThat(night.path("verdict").asString()).isEqualTo("defer");
        assertThat(night.path("reasons")).extracting(JsonNode::asString).containsExactly("quiet_hours");
        assertThat(night.path("deferUntil").asString()).isEqualTo("2027-03-11T08:00:00Z");
        assertThat(decide(id, "email", "transactional", null, "2027-03-10T21:00:00Z").path("verdict").asString())
                .isEqualTo("allow");

        prefer(id, """
                {"pausedUntil": "2027-04-01T00:00:00Z", "topics": ["tips"]}""");
        JsonNode paused = decide(id, "email", "marketing", "tips", "2027-03-12T10:00:00Z");
        assertThat(paused.path("reasons")).extracting(JsonNode::asString).containsExactly("paused");
        assertThat(paused.path("deferUntil").asString()).isEqualTo("2027-04-01T00:00:00Z");
        prefer(id, """
                {"onlyWhenAsked": true}""");
        assertThat(decide(id, "email", "marketing", "tips", null).path("reasons")).extracting(JsonNode::asString)
                .containsExactly("only_when_asked");
        assertThat(decide(id, "email", "solicited", null, null).path("verdict").asString()).isEqualTo("allow");

        consent(id, "email", "withdrawn");
        prefer(id, "{}");
        assertThat(decide(id, "email", "marketing", "tips", null).path("reasons")).extracting(JsonNode::asString)
                .containsExactly("no_consent");

        HttpResponse<String> unknown = postJson(DECISIONS, BOOTSTRAP_KEY, """
                {"identifiers": {"email": "nobody-%s@example.com"}, "channel": "email", "class": "marketing",
                 "idempotencyKey": "%s"}""".formatted(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(json(unknown).path("reasons")).extracting(JsonNode::asString).containsExactly("unknown_person");
    }

    @Test
    void theCustomersCapHoldsAcrossCalendarWeeksAndDaylightSavingTime() {
        String id = person();
        consent(id, "email", "granted");
        prefer(id, """
                {"channels": {"email": {"maxPerWeek": 1}}, "overall": {"maxPerDay": 1},
                 "quietHours": {"from": "23:00", "to": "06:00", "timezone": "Europe/Paris"}}""");
        // Sunday 29 March 2026, the clocks go forward in Paris: the week runs to Monday 00:00 local (22:00 UTC).
        assertThat(decide(id, "email", "marketing", null, "2026-03-29T20:30:00Z").path("verdict").asString())
                .isEqualTo("allow");
        JsonNode capped = decide(id, "email", "marketing", null, "2026-03-29T20:45:00Z");
        assertThat(capped.path("reasons")).extracting(JsonNode::asString).containsExactly("customer_cap");
        assertThat(capped.path("deferUntil").asString()).isEqualTo("2026-03-29T22:00:00Z");
        // Monday 30 March, 08:00 in Paris (UTC+2 now): a new week, and a new day.
        assertThat(decide(id, "email", "marketing", null, "2026-03-30T06:00:00Z").path("verdict").asString())
                .isEqualTo("allow");
        // Another channel the same day: the overall daily limit holds it back to Tuesday 00:00 local.
        JsonNode sms = decide(id, "sms", "service", null, "2026-03-30T07:00:00Z");
        assertThat(sms.path("reasons")).extracting(JsonNode::asString).containsExactly("customer_cap");
        assertThat(sms.path("deferUntil").asString()).isEqualTo("2026-03-30T22:00:00Z");
    }

    @Test
    void parallelSendersNeverExceedTheCapAndAKeyIsDecidedOnce() throws Exception {
        String id = person();
        consent(id, "email", "granted");
        prefer(id, """
                {"channels": {"email": {"maxPerDay": 3}}}""");
        int senders = 32;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Callable<JsonNode>> work = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                work.add(() -> decide(id, "email", "marketing", null, "2027-05-05T10:00:00Z"));
            }
            int allowed = 0;
            for (Future<JsonNode> done : pool.invokeAll(work)) {
                if (done.get().path("verdict").asString().equals("allow")) {
                    allowed++;
                }
            }
            assertThat(allowed).isEqualTo(3);

            String key = "it-" + UUID.randomUUID();
            String body = """
                    {"profileId": "%s", "channel": "email", "class": "transactional", "idempotencyKey": "%s"}"""
                    .formatted(id, key);
            List<Callable<HttpResponse<String>>> same = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                same.add(() -> postJson(DECISIONS, BOOTSTRAP_KEY, body));
            }
            List<String> decisionIds = new ArrayList<>();
            int fresh = 0;
            for (Future<HttpResponse<String>> done : pool.invokeAll(same)) {
                JsonNode decision = json(done.get());
                decisionIds.add(decision.path("decisionId").asString());
                fresh += decision.path("replayed").asBoolean() ? 0 : 1;
            }
            assertThat(decisionIds).containsOnly(decisionIds.getFirst());
            assertThat(fresh).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnsubscribeOrAComplaintStopsMarketingAtOnce() {
        String customer = unique("unsub");
        String id = person(customer);
        consent(id, "email", "granted");
        consent(id, "sms", "granted");
        assertThat(decide(id, "email", "marketing", "offers", null).path("verdict").asString()).isEqualTo("allow");

        ObjectNode topicOnly = event("unsubscribe", customer, "email");
        ((ObjectNode) topicOnly.get("properties")).put("topic", "offers");
        send(topicOnly);
        assertThat(decide(id, "email", "marketing", "offers", null).path("reasons")).extracting(JsonNode::asString)
                .containsExactly("topic_refused");
        assertThat(decide(id, "email", "marketing", "tips", null).path("verdict").asString()).isEqualTo("allow");

        send(event("unsubscribe", customer, "email"));
        java.time.Instant now = clock.instant();
        assertThat(decide(id, "email", "marketing", "tips", null).path("reasons"))
                .extracting(JsonNode::asString).containsExactly("no_consent", "fatigue");
        // Marketing rests on every channel for 30 days after an unsubscribe; service messages do not.
        JsonNode rested = decide(id, "sms", "marketing", "tips", null);
        assertThat(rested.path("reasons")).extracting(JsonNode::asString).containsExactly("fatigue");
        assertThat(java.time.Instant.parse(rested.path("deferUntil").asString()))
                .isBetween(now.plus(java.time.Duration.ofDays(29)), now.plus(java.time.Duration.ofDays(31)));
        assertThat(decide(id, "sms", "service", null, null).path("verdict").asString()).isEqualTo("allow");
        assertThat(decide(id, "sms", "marketing", "tips", now.plus(java.time.Duration.ofDays(31)).toString())
                .path("verdict").asString()).isEqualTo("allow");
        send(event("complaint", customer, "sms"));
        assertThat(decide(id, "sms", "marketing", "tips", null).path("reasons")).extracting(JsonNode::asString)
                .containsExactly("no_consent", "fatigue");
        JsonNode consents = json(get("/api/v1/profiles/" + id + "/consents", BOOTSTRAP_KEY));
        assertThat(consents.path("items").get(0).path("status").asString()).isEqualTo("withdrawn");
        assertThat(consents.path("items").get(0).path("noticeVersion").asString()).isEqualTo("complaint");
        assertThat(consents.path("items").get(1).path("noticeVersion").asString()).isEqualTo("unsubscribe");
        assertThat(json(get("/api/v1/profiles/" + id + "/preferences/history", BOOTSTRAP_KEY)).path("items").get(0)
                .path("source").asString()).isEqualTo("email");
    }

    @Test
    void batchesAndBadInput() {
        String id = person();
        consent(id, "sms", "granted");
        HttpResponse<String> batch = postJson(DECISIONS + ":batch", BOOTSTRAP_KEY, """
                {"decisions": [
                  {"profileId": "%s", "channel": "sms", "class": "marketing", "idempotencyKey": "%s"},
                  {"profileId": "%s", "channel": "email", "class": "marketing", "idempotencyKey": "%s"}]}"""
                .formatted(id, UUID.randomUUID(), id, UUID.randomUUID()));
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        assertThat(json(batch).path("decisions")).extracting(d -> d.path("verdict").asString())
                .containsExactly("allow", "deny");

        JsonNode problem = assertProblem(postJson(DECISIONS, BOOTSTRAP_KEY, """
                {"channel": "pigeon", "class": "spam", "topic": "gossip", "idempotencyKey": ""}"""), 400,
                "validation");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("profileId", "channel", "class", "topic", "idempotencyKey");
        JsonNode inBatch = assertProblem(postJson(DECISIONS + ":batch", BOOTSTRAP_KEY, """
                {"decisions": [{"profileId": "%s", "channel": "sms", "class": "marketing", "idempotencyKey": "k"},
                  {"profileId": "%s", "channel": "fax", "class": "marketing", "idempotencyKey": "k2"}]}"""
                .formatted(id, id)), 400, "validation");
        assertThat(inBatch.path("errors").get(0).path("field").asString()).isEqualTo("decisions[1].channel");
        assertProblem(postJson(DECISIONS + ":batch", BOOTSTRAP_KEY, "{\"decisions\": []}"), 400, "validation");
        assertProblem(postJson(DECISIONS, BOOTSTRAP_KEY, "{\"channel\": \"sms\", \"channel\": \"email\"}"), 400,
                "malformed_json");
        assertProblem(postJson(DECISIONS, BOOTSTRAP_KEY, "{\"profileId\": \"not-a-uuid\"}"), 400, "validation");
        assertProblem(postJson(DECISIONS, createKey("gate-reader", "read"), "{}"), 403, "forbidden");
    }

    @Test
    void aBatchCountsItsOwnReservationsAndRepeatsAKeysVerdict() throws Exception {
        String capped = person();
        consent(capped, "email", "granted");
        prefer(capped, "{\"channels\": {\"email\": {\"maxPerDay\": 2}}}");
        String other = person();
        consent(other, "email", "granted");
        String key = "it-" + UUID.randomUUID();
        ArrayNode decisions = JSON.createArrayNode();
        for (int i = 0; i < 4; i++) {
            decisions.addObject().put("profileId", capped).put("channel", "email").put("class", "marketing")
                    .put("idempotencyKey", i == 3 ? key : "it-" + UUID.randomUUID())
                    .put("sendAt", "2027-04-01T10:00:00Z");
        }
        decisions.addObject().put("profileId", other).put("channel", "email").put("class", "marketing")
                .put("idempotencyKey", key + "-other").put("sendAt", "2027-04-01T10:00:00Z");
        decisions.add(decisions.get(3).deepCopy());
        decisions.addObject().put("profileId", UUID.randomUUID().toString()).put("channel", "email")
                .put("class", "transactional").put("idempotencyKey", "it-" + UUID.randomUUID());
        ObjectNode body = JSON.createObjectNode().set("decisions", decisions);
        HttpResponse<String> batch = postJson(DECISIONS + ":batch", BOOTSTRAP_KEY, body.toString());
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        JsonNode answers = json(batch).path("decisions");
        assertThat(answers).extracting(d -> d.path("verdict").asString())
                .containsExactly("allow", "allow", "defer", "defer", "allow", "defer", "deny");
        assertThat(answers.get(2).path("reasons")).extracting(JsonNode::asString).containsExactly("customer_cap");
        assertThat(answers.get(5).path("replayed").asBoolean()).isTrue();
        assertThat(answers.get(5).path("decisionId").asString()).isEqualTo(answers.get(3).path("decisionId").asString());
        assertThat(answers.get(6).path("reasons")).extracting(JsonNode::asString).containsExactly("unknown_person");
        // The whole batch again: every verdict replayed, no slot taken twice.
        JsonNode again = json(postJson(DECISIONS + ":batch", BOOTSTRAP_KEY, body.toString())).path("decisions");
        assertThat(again).allSatisfy(d -> assertThat(d.path("replayed").asBoolean()).isTrue());

        // Parallel batches over the same persons, listed in opposite orders: no deadlock, no cap exceeded.
        String[] people = {person(), person(), person(), person()};
        for (String p : people) {
            consent(p, "email", "granted");
            prefer(p, "{\"channels\": {\"email\": {\"maxPerDay\": 3}}}");
        }
        List<Callable<JsonNode>> senders = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            ArrayNode list = JSON.createArrayNode();
            for (int i = 0; i < people.length; i++) {
                String p = people[s % 2 == 0 ? i : people.length - 1 - i];
                list.addObject().put("profileId", p).put("channel", "email").put("class", "marketing")
                        .put("idempotencyKey", "it-" + UUID.randomUUID()).put("sendAt", "2027-04-02T10:00:00Z");
            }
            String request = JSON.createObjectNode().set("decisions", list).toString();
            senders.add(() -> json(postJson(DECISIONS + ":batch", BOOTSTRAP_KEY, request)));
        }
        java.util.Map<String, Integer> allowed = new java.util.HashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<JsonNode> answer : pool.invokeAll(senders)) {
                answer.get().path("decisions").forEach(d -> {
                    if (d.path("verdict").asString().equals("allow")) {
                        allowed.merge(d.path("profileId").asString(), 1, Integer::sum);
                    }
                });
            }
        }
        assertThat(allowed).hasSize(4).allSatisfy((p, count) -> assertThat(count).isEqualTo(3));
    }
}
