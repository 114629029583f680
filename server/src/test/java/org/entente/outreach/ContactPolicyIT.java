package org.entente.outreach;

import org.entente.support.ApiIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The brand's contact policy: validated, versioned, and only ever stricter than the person's own limits. */
class ContactPolicyIT extends ApiIT {

    private static final String POLICY = "/api/v1/outreach/policy";

    @AfterEach
    void noPolicy() {
        assertThat(put(POLICY, "{}").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> put(String path, String body) {
        return send(request(path, BOOTSTRAP_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String person(String preferences) {
        String customer = unique("policy");
        ObjectNode event = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "sign_up")
                .put("channel", "web");
        event.putObject("identifiers").put("customerId", customer);
        event.putObject("properties");
        send(event);
        String id = json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id")
                .asString();
        assertThat(postJson("/api/v1/profiles/" + id + "/consents", BOOTSTRAP_KEY, """
                {"purpose": "marketing", "channel": "email", "status": "granted", "source": "web",
                 "actor": "customer", "noticeVersion": "v1"}""").statusCode()).isEqualTo(201);
        assertThat(put("/api/v1/profiles/" + id + "/preferences", preferences).statusCode()).isEqualTo(200);
        return id;
    }

    private JsonNode decide(String id, String topic, String sendAt) {
        HttpResponse<String> response = postJson("/api/v1/outreach/decisions", BOOTSTRAP_KEY, """
                {"profileId": "%s", "channel": "email", "class": "marketing", "topic": "%s",
                 "idempotencyKey": "%s", "sendAt": "%s"}""".formatted(id, topic, UUID.randomUUID(), sendAt));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    @Test
    void theStrictestRuleWinsAndTheBrandNeverLoosensThePersonsLimit() {
        HttpResponse<String> saved = put(POLICY, """
                {"channels": {"email": {"maxPerDay": 1}}, "topics": {"offers": {"maxPerWeek": 2}},
                 "overall": {"maxPerMonth": 100}, "quietHours": {"from": "22:00", "to": "07:00"}}""");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        int version = json(saved).path("version").asInt();

        // The person allows five a day; the brand one: the brand wins.
        String generous = person("{\"channels\": {\"email\": {\"maxPerDay\": 5}}}");
        assertThat(decide(generous, "news", "2027-06-02T10:00:00Z").path("verdict").asString()).isEqualTo("allow");
        JsonNode second = decide(generous, "news", "2027-06-02T11:00:00Z");
        assertThat(second.path("reasons")).extracting(JsonNode::asString).containsExactly("brand_cap");
        assertThat(second.path("deferUntil").asString()).isEqualTo("2027-06-02T22:00:00Z");
        // The brand's quiet hours, in the person's time zone (Paris, UTC+2 in June).
        assertThat(decide(generous, "news", "2027-06-03T04:00:00Z").path("reasons")).extracting(JsonNode::asString)
                .contains("quiet_hours");

        // The brand allows more than the person does: the person's limit still holds.
        put(POLICY, "{\"version\": " + version + ", \"channels\": {\"email\": {\"maxPerDay\": 10}}}");
        String strict = person("{\"channels\": {\"email\": {\"maxPerDay\": 1}}}");
        assertThat(decide(strict, "news", "2027-06-02T10:00:00Z").path("verdict").asString()).isEqualTo("allow");
        assertThat(decide(strict, "news", "2027-06-02T11:00:00Z").path("reasons")).extracting(JsonNode::asString)
                .containsExactly("customer_cap");
    }

    @Test
    void policiesAreValidatedVersionedAndForAdminsOnly() {
        JsonNode problem = assertProblem(put(POLICY, """
                {"channels": {"fax": {"maxPerDay": 1}, "email": {"maxPerWeek": -3}},
                 "topics": {"gossip": {"maxPerDay": 1}}, "overall": {"maxPerMonth": 100000},
                 "quietHours": {"from": "late", "to": "07:00"}}"""), 400, "validation");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("channels.fax", "channels.email.maxPerWeek", "topics.gossip",
                "overall.maxPerMonth", "quietHours.from");
        int version = json(get(POLICY, BOOTSTRAP_KEY)).path("version").asInt();
        assertThat(put(POLICY, "{\"version\": " + version + "}").statusCode()).isEqualTo(200);
        assertProblem(put(POLICY, "{\"version\": " + version + "}"), 409, "stale_policy");
        assertProblem(send(request(POLICY, createKey("policy-outreach", "outreach")).GET()), 403, "forbidden");
        assertProblem(put(POLICY, "{\"script\": \"rm -rf\"}"), 400, "validation");
    }

    @Test
    void quietHoursMayDifferByCountry() {
        HttpResponse<String> saved = put(POLICY, """
                {"quietHours": {"from": "22:00", "to": "07:00", "countries": {"DE": {"from": "20:00", "to": "08:00"}}}}""");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        String french = person("{}");
        String german = person("{}");
        ObjectNode address = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "identify")
                .put("channel", "web");
        String customer = json(get("/api/v1/profiles/" + german, BOOTSTRAP_KEY)).path("identifiers").get(0)
                .path("value").asString();
        address.putObject("identifiers").put("customerId", customer);
        address.putObject("properties").putObject("address").put("city", "Berlin").put("country", "de");
        send(address);
        // 20:30 in Paris and Berlin (UTC+2 in June): quiet in Germany only.
        assertThat(decide(french, "news", "2027-06-02T18:30:00Z").path("verdict").asString()).isEqualTo("allow");
        JsonNode quiet = decide(german, "news", "2027-06-02T18:30:00Z");
        assertThat(quiet.path("reasons")).extracting(JsonNode::asString).containsExactly("quiet_hours");
        assertThat(quiet.path("deferUntil").asString()).isEqualTo("2027-06-03T06:00:00Z");
        // 22:30: quiet everywhere; the French night ends at 07:00.
        assertThat(decide(french, "news", "2027-06-02T20:30:00Z").path("deferUntil").asString())
                .isEqualTo("2027-06-03T05:00:00Z");

        JsonNode problem = assertProblem(put(POLICY, """
                {"quietHours": {"from": "22:00", "to": "07:00", "countries": {"XX": {"from": "20:00", "to": "08:00"},
                 "FR": {"from": "20:00", "to": "20:00"}, "IT": null}},
                 "fatigue": {"unopenedInARow": -1, "daysAfterUnopened": 0}}"""), 400, "validation");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("quietHours.countries.XX", "quietHours.countries.FR.to",
                "quietHours.countries.IT", "fatigue.unopenedInARow", "fatigue.daysAfterUnopened");
    }
}
