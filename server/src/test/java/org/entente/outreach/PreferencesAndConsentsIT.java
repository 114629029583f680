package org.entente.outreach;

import org.entente.support.ApiIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person chose about being contacted, and the consent ledger, through the API. */
class PreferencesAndConsentsIT extends ApiIT {

    private static final String PREFERENCES = """
            {"channels": {"email": {"allowed": true, "maxPerWeek": 1}, "sms": {"allowed": false}},
             "topics": ["offers", "tips"], "overall": {"maxPerDay": null, "maxPerWeek": 3, "maxPerMonth": null},
             "quietHours": {"from": "21:00", "to": "09:00", "timezone": "Europe/Paris"},
             "pausedUntil": null, "onlyWhenAsked": false, "preferredChannel": "email"}""";

    private String person() {
        String customer = unique("pref");
        ObjectNode event = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "sign_up")
                .put("channel", "web");
        event.putObject("identifiers").put("customerId", customer);
        event.putObject("properties");
        send(event);
        return json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id").asString();
    }

    private HttpResponse<String> put(String path, String key, String body, String ifMatch) {
        HttpRequest.Builder request = request(path, key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    @Test
    void preferencesAreSavedVersionedAndEveryChangeIsRecorded() {
        String id = person();
        String path = "/api/v1/profiles/" + id + "/preferences";
        JsonNode defaults = json(get(path, BOOTSTRAP_KEY));
        assertThat(defaults.path("version").asInt()).isZero();
        assertThat(defaults.path("topics")).extracting(JsonNode::asString)
                .containsExactly("news", "offers", "tips", "events", "service");

        String outreachKey = createKey("prefs-outreach", "outreach");
        HttpResponse<String> saved = put(path + "?source=web", outreachKey, PREFERENCES, "\"0\"");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonNode body = json(saved);
        assertThat(body.path("version").asInt()).isEqualTo(1);
        assertThat(body.path("channels").path("email").path("maxPerWeek").asInt()).isEqualTo(1);
        assertThat(body.path("channels").path("sms").path("allowed").asBoolean()).isFalse();
        assertThat(body.path("quietHours").path("timezone").asString()).isEqualTo("Europe/Paris");
        assertThat(saved.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(get(path, createKey("prefs-reader", "read"))).path("preferredChannel").asString())
                .isEqualTo("email");

        assertProblem(put(path, outreachKey, PREFERENCES, "\"0\""), 409, "stale_preferences");
        HttpResponse<String> paused = put(path + "?source=store", outreachKey,
                PREFERENCES.replace("\"pausedUntil\": null", "\"pausedUntil\": \"2027-01-01T00:00:00Z\""), "\"1\"");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);

        JsonNode history = json(get(path + "/history?limit=1", BOOTSTRAP_KEY));
        assertThat(history.path("items")).hasSize(1);
        JsonNode latest = history.path("items").get(0);
        assertThat(latest.path("source").asString()).isEqualTo("store");
        assertThat(latest.path("actor").asString()).contains("prefs-outreach");
        assertThat(latest.path("before").path("pausedUntil").isNull()).isTrue();
        assertThat(latest.path("after").path("pausedUntil").asString()).isEqualTo("2027-01-01T00:00:00Z");
        JsonNode first = json(get(path + "/history?limit=1&before=" + history.path("next").asString(),
                BOOTSTRAP_KEY)).path("items").get(0);
        assertThat(first.path("source").asString()).isEqualTo("web");
        assertThat(first.path("before").isNull()).isTrue();
    }

    @Test
    void badPreferencesAreRefusedFieldByField() {
        String path = "/api/v1/profiles/" + person() + "/preferences";
        JsonNode problem = assertProblem(put(path, BOOTSTRAP_KEY, """
                {"channels": {"pigeon": {"allowed": true}, "email": {"maxPerWeek": -1}, "sms": {"allowed": false}},
                 "topics": ["offers", "offers", "gossip"], "overall": {"maxPerDay": 5000},
                 "quietHours": {"from": "25:00", "to": "9h", "timezone": "Mars/Olympus"},
                 "preferredChannel": "sms"}""", null), 400, "validation");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("channels.pigeon", "channels.email.maxPerWeek", "topics[1]", "topics[2]",
                "overall.maxPerDay", "quietHours.from", "quietHours.to", "quietHours.timezone", "preferredChannel");
        assertProblem(put(path, BOOTSTRAP_KEY, "{\"onlyWhenAsked\": \"sometimes\"}", null), 400, "validation");
        assertProblem(put(path, BOOTSTRAP_KEY, "{\"topics\": [\"a\"], \"topics\": [\"b\"]}", null), 400,
                "malformed_json");
        assertProblem(put(path + "?source=pigeon", BOOTSTRAP_KEY, "{}", null), 400, "validation");
        assertProblem(put(path, BOOTSTRAP_KEY, "{\"hack\": 1}", null), 400, "validation");
        assertProblem(put(path, BOOTSTRAP_KEY, "{\"padding\": \"" + "x".repeat(1_100_000) + "\"}", null), 413,
                "payload_too_large");
        assertProblem(put(path, createKey("prefs-readonly", "read"), "{}", null), 403, "forbidden");
        assertProblem(put("/api/v1/profiles/" + UUID.randomUUID() + "/preferences", BOOTSTRAP_KEY, "{}", null),
                404, "not_found");
    }

    @Test
    void theConsentLedgerKeepsEveryRecordAndTheLatestDecides() {
        String id = person();
        String path = "/api/v1/profiles/" + id + "/consents";
        String outreachKey = createKey("consents-outreach", "outreach");
        HttpResponse<String> granted = postJson(path, outreachKey, """
                {"purpose": "marketing", "channel": "email", "status": "granted", "source": "web",
                 "actor": "customer", "noticeVersion": "v1",
                 "evidence": {"ip": "203.0.113.7", "userAgent": "Mozilla/5.0"}}""");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        JsonNode record = json(granted);
        assertThat(record.path("ipHash").asString()).hasSize(64).doesNotContain("203.0.113.7");
        assertThat(record.path("legalBasis").asString()).isEqualTo("consent");
        assertThat(granted.body()).doesNotContain("203.0.113.7");
        assertThat(postJson(path, outreachKey, """
                {"purpose": "profiling", "status": "granted", "source": "app", "actor": "customer",
                 "noticeVersion": "v1"}""").statusCode()).isEqualTo(201);
        HttpResponse<String> withdrawn = postJson(path, outreachKey, """
                {"purpose": "marketing", "channel": "email", "status": "withdrawn", "source": "email",
                 "actor": "customer", "noticeVersion": "v1"}""");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);

        JsonNode consents = json(get(path, createKey("consents-reader", "read")));
        assertThat(consents.path("state").path("current")).hasSize(2);
        JsonNode marketing = consents.path("state").path("current").get(0);
        assertThat(marketing.path("purpose").asString()).isEqualTo("marketing");
        assertThat(marketing.path("status").asString()).isEqualTo("withdrawn");
        assertThat(consents.path("state").path("current").get(1).path("channel").asString()).isEqualTo("any");
        assertThat(consents.path("items")).hasSize(3);
        assertThat(consents.path("items").get(0).path("status").asString()).isEqualTo("withdrawn");
        assertThat(json(get(path + "?limit=2", BOOTSTRAP_KEY)).path("next").isNull()).isFalse();
        assertThat(json(get("/api/v1/admin/audit-events?action=outreach.consent_recorded", BOOTSTRAP_KEY))
                .path("items")).isNotEmpty();

        JsonNode problem = assertProblem(postJson(path, outreachKey, """
                {"purpose": "selling_data", "channel": "pigeon", "status": "maybe", "source": "moon",
                 "actor": "robot", "noticeVersion": "v 1 !", "legalBasis": "because",
                 "givenAt": "2999-01-01T00:00:00Z", "evidence": {"ip": "not an ip", "userAgent": "x\\u0007"}}"""),
                400, "validation");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("purpose", "channel", "status", "source", "actor",
                "noticeVersion", "legalBasis", "givenAt", "evidence.ip", "evidence.userAgent");
        assertProblem(postJson(path, outreachKey, "{}"), 400, "validation");
        assertProblem(postJson(path, outreachKey, "{\"purpose\": "), 400, "malformed_json");
        assertProblem(postJson(path, createKey("consents-ro", "read"), "{}"), 403, "forbidden");
        assertThat(json(get(path, BOOTSTRAP_KEY)).path("items")).hasSize(3);
    }

    @Test
    void theExportHoldsEverythingEntenteKeepsOnThePerson() {
        String customer = unique("export");
        ObjectNode purchase = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "purchase")
                .put("channel", "store");
        purchase.putObject("identifiers").put("customerId", customer).put("email", customer + "@example.com");
        purchase.putObject("properties").put("orderId", customer + "-1").put("total", 42).put("currency", "EUR");
        send(purchase);
        String id = json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id")
                .asString();
        assertThat(postJson("/api/v1/profiles/" + id + "/consents", BOOTSTRAP_KEY, """
                {"purpose": "marketing", "channel": "email", "status": "granted", "source": "store",
                 "actor": "agent", "noticeVersion": "v2"}""").statusCode()).isEqualTo(201);
        assertThat(put("/api/v1/profiles/" + id + "/preferences?source=store", BOOTSTRAP_KEY, PREFERENCES, null)
                .statusCode()).isEqualTo(200);
        assertThat(postJson("/api/v1/outreach/decisions", BOOTSTRAP_KEY, """
                {"profileId": "%s", "channel": "email", "class": "transactional", "idempotencyKey": "%s"}"""
                .formatted(id, UUID.randomUUID())).statusCode()).isEqualTo(200);

        HttpResponse<String> message = postJson("/api/v1/messages", BOOTSTRAP_KEY, """
                {"profileId": "%s", "channel": "email", "class": "transactional", "subject": "Your receipt",
                 "body": "Thank you.", "idempotencyKey": "%s"}""".formatted(id, UUID.randomUUID()));
        assertThat(message.statusCode()).as(message.body()).isEqualTo(201);

        HttpResponse<String> response = get("/api/v1/profiles/" + id + "/export", BOOTSTRAP_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                value -> assertThat(value).contains("attachment"));
        JsonNode export = json(response);
        assertThat(export.path("profile").path("identifiers")).extracting(i -> i.path("value").asString())
                .contains(customer, customer + "@example.com");
        assertThat(export.path("events")).extracting(e -> e.path("type").asString()).contains("purchase");
        assertThat(export.path("loyalty").path("points").path("balance").asLong()).isEqualTo(42);
        assertThat(export.path("ledger")).extracting(e -> e.path("kind").asString()).contains("earn");
        assertThat(export.path("preferences").path("preferredChannel").asString()).isEqualTo("email");
        assertThat(export.path("preferenceChanges")).hasSize(1);
        assertThat(export.path("consents").get(0).path("noticeVersion").asString()).isEqualTo("v2");
        assertThat(export.path("decisions").get(0).path("verdict").asString()).isEqualTo("allow");
        assertThat(export.path("messages")).extracting(m -> m.path("subject").asString()).contains("Your receipt");
        assertThat(export.path("decisions")).hasSize(2);
        assertThat(json(get("/api/v1/admin/audit-events?action=outreach.data_exported", BOOTSTRAP_KEY))
                .path("items").get(0).path("target").asString()).isEqualTo(id);
        assertProblem(get("/api/v1/profiles/" + id + "/export", createKey("export-reader", "read")), 403,
                "forbidden");
        assertProblem(get("/api/v1/profiles/" + UUID.randomUUID() + "/export", BOOTSTRAP_KEY), 404, "not_found");
    }

    @Test
    void aMergeBringsTheConsentsAndTheLatestPreferencesTogether() {
        String shopper = unique("merged");
        String email = shopper + "@example.com";
        ObjectNode byCard = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "sign_up")
                .put("channel", "store");
        byCard.putObject("identifiers").put("customerId", shopper);
        byCard.putObject("properties");
        ObjectNode byEmail = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "sign_up")
                .put("channel", "web");
        byEmail.putObject("identifiers").put("email", email);
        byEmail.putObject("properties");
        send(byCard, byEmail);
        String card = json(get("/api/v1/profiles?identifier=customerId:" + shopper, BOOTSTRAP_KEY)).path("id")
                .asString();
        String web = json(get("/api/v1/profiles?identifier=email:" + email, BOOTSTRAP_KEY)).path("id").asString();
        assertThat(postJson("/api/v1/profiles/" + web + "/consents", BOOTSTRAP_KEY, """
                {"purpose": "marketing", "channel": "email", "status": "withdrawn", "source": "web",
                 "actor": "customer", "noticeVersion": "v1"}""").statusCode()).isEqualTo(201);
        assertThat(put("/api/v1/profiles/" + web + "/preferences", BOOTSTRAP_KEY, PREFERENCES, null).statusCode())
                .isEqualTo(200);

        ObjectNode both = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "identify")
                .put("channel", "web");
        both.putObject("identifiers").put("customerId", shopper).put("email", email);
        both.putObject("properties");
        send(both);
        JsonNode consents = json(get("/api/v1/profiles/" + card + "/consents", BOOTSTRAP_KEY));
        assertThat(consents.path("state").path("current").get(0).path("status").asString()).isEqualTo("withdrawn");
        assertThat(json(get("/api/v1/profiles/" + card + "/preferences", BOOTSTRAP_KEY)).path("preferredChannel")
                .asString()).isEqualTo("email");
    }
}
