package org.entente.profile;

import org.entente.support.ApiIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.support.Events.batch;
import static org.entente.support.Events.event;
import static org.entente.support.Events.purchase;

class IdentityResolutionIT extends ApiIT {

    private JsonNode ingest(List<ObjectNode> events) {
        HttpResponse<String> response = postJson("/api/v1/events", BOOTSTRAP_KEY, batch(events));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response);
    }

    private JsonNode profile(String identifier) {
        HttpResponse<String> response = get("/api/v1/profiles?identifier=" + identifier, BOOTSTRAP_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    @Test
    void anAnonymousVisitorWhoIdentifiesKeepsHisHistory() {
        String anonymous = unique("anon-");
        String email = unique("jane.") + "@example.com";
        ingest(List.of(event("page_view", Map.of("anonymousId", anonymous)),
                event("page_view", Map.of("anonymousId", anonymous))));
        JsonNode before = profile("anonymousId:" + anonymous);
        assertThat(before.path("lifecycle").asString()).isEqualTo("anonymous");

        ObjectNode identify = event("identify", Map.of("anonymousId", anonymous, "email", email.toUpperCase()));
        identify.putObject("properties").putObject("traits").put("firstName", "Jane").put("lastName", "Doe")
                .put("timezone", "Europe/Paris");
        JsonNode answer = ingest(List.of(identify));
        assertThat(answer.path("accepted").asInt()).isEqualTo(1);

        JsonNode after = profile("email:" + email);
        assertThat(after.path("id").asString()).isEqualTo(before.path("id").asString());
        assertThat(after.path("lifecycle").asString()).isEqualTo("prospect");
        assertThat(after.path("statistics").path("events").asLong()).isEqualTo(3);
        assertThat(after.path("attributes").path("firstName").asString()).isEqualTo("Jane");
        assertThat(after.path("identifiers").findValuesAsString("value")).contains(anonymous, email);
    }

    @Test
    void twoKnownPersonsSharingAnIdentifierAreMergedAndCanBeUnmerged() {
        String customerId = unique("C-");
        String email = unique("paul.") + "@example.org";
        String phone = "+33612" + String.format("%06d", (int) (Math.random() * 1_000_000));
        // Person A: a store customer known by customerId and phone.
        ingest(List.of(purchase(Map.of("customerId", customerId, "phone", phone), unique("O-"), "40.00",
                "2026-10-01T10:00:00Z")));
        // Person B: a web prospect known by email.
        ingest(List.of(event("page_view", Map.of("email", email))));
        String a = profile("customerId:" + customerId).path("id").asString();
        String b = profile("email:" + email).path("id").asString();
        assertThat(a).isNotEqualTo(b);

        // An event naming both: B is merged into A, the oldest.
        ingest(List.of(event("sign_up", Map.of("email", email, "phone", "06" + phone.substring(4)))));
        JsonNode merged = profile("email:" + email);
        assertThat(merged.path("id").asString()).isEqualTo(a);
        assertThat(merged.path("statistics").path("events").asLong()).isEqualTo(3);
        assertThat(merged.path("lifecycle").asString()).isEqualTo("customer");
        assertThat(merged.path("merged").get(0).path("personId").asString()).isEqualTo(b);
        assertThat(json(get("/api/v1/profiles/" + b, BOOTSTRAP_KEY)).path("id").asString()).isEqualTo(a);
        JsonNode timeline = json(get("/api/v1/profiles/" + b + "/timeline", BOOTSTRAP_KEY));
        assertThat(timeline.path("items").size()).isEqualTo(3);
        assertThat(timeline.path("items").get(2).path("type").asString()).isEqualTo("purchase");

        // Unmerge needs admin, then gives B back its own identifier and event.
        String reader = createKey("reader", "read");
        assertProblem(send(request("/api/v1/profiles/" + b + "/unmerge", reader)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())), 403, "forbidden");
        HttpResponse<String> unmerged = send(request("/api/v1/profiles/" + b + "/unmerge", BOOTSTRAP_KEY)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(unmerged.statusCode()).as(unmerged.body()).isEqualTo(200);
        JsonNode restored = profile("email:" + email);
        assertThat(restored.path("id").asString()).isEqualTo(b);
        assertThat(restored.path("statistics").path("events").asLong()).isEqualTo(1);
        assertThat(profile("customerId:" + customerId).path("statistics").path("events").asLong()).isEqualTo(2);
        assertProblem(send(request("/api/v1/profiles/" + b + "/unmerge", BOOTSTRAP_KEY)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())), 409, "conflict");

        // Staff said they are two people: the same link again is a conflict for review, not a merge.
        ObjectNode again = event("sign_up", Map.of("email", email, "phone", phone));
        ingest(List.of(again));
        assertThat(profile("email:" + email).path("id").asString()).isEqualTo(b);
        assertThat(profile("customerId:" + customerId).path("id").asString()).isEqualTo(a);
        List<JsonNode> conflicts = new ArrayList<>();
        json(get("/api/v1/profiles/conflicts?limit=200", BOOTSTRAP_KEY)).path("items").forEach(conflicts::add);
        assertThat(conflicts).anySatisfy(conflict -> {
            assertThat(conflict.path("eventId").asString()).isEqualTo(again.path("id").asString());
            assertThat(conflict.path("reason").asString()).isEqualTo("kept_apart");
        });
    }

    @Test
    void limitsStopRunawayMergesAndRecordTheConflict() {
        String first = unique("C-");
        String second = unique("C-");
        ingest(List.of(event("page_view", Map.of("customerId", first))));
        ingest(List.of(event("page_view", Map.of("customerId", second))));
        String shared = unique("dev-");
        // One device seen with two customer ids: at most one customerId per person, so no merge.
        ObjectNode linking = event("app_open", Map.of("customerId", second, "deviceId", shared));
        JsonNode answer = ingest(List.of(event("app_open", Map.of("customerId", first, "deviceId", shared)), linking));
        assertThat(answer.path("accepted").asInt()).isEqualTo(2);
        assertThat(profile("customerId:" + first).path("id").asString())
                .isNotEqualTo(profile("customerId:" + second).path("id").asString());
        List<JsonNode> conflicts = new ArrayList<>();
        json(get("/api/v1/profiles/conflicts?limit=200", BOOTSTRAP_KEY)).path("items").forEach(conflicts::add);
        String a = profile("customerId:" + first).path("id").asString();
        String b = profile("customerId:" + second).path("id").asString();
        assertThat(conflicts).anySatisfy(conflict -> {
            assertThat(conflict.path("eventId").asString()).isEqualTo(linking.path("id").asString());
            assertThat(List.of(conflict.path("personId").asString(), conflict.path("otherPersonId").asString()))
                    .containsExactlyInAnyOrder(a, b);
            assertThat(conflict.path("reason").asString()).isEqualTo("limit_exceeded");
        });
    }

    @Test
    void lateTraitsOnlyFillWhatIsUnknown() {
        String customer = unique("LATE-");
        ObjectNode recent = event("identify", Map.of("customerId", customer));
        recent.put("occurredAt", "2026-11-01T10:00:00Z");
        recent.putObject("properties").putObject("traits").put("firstName", "Zoé");
        ObjectNode old = event("identify", Map.of("customerId", customer));
        old.put("occurredAt", "2015-03-01T10:00:00Z");
        old.putObject("properties").putObject("traits").put("firstName", "Zoe").put("lastName", "Martin");
        ingest(List.of(recent));
        ingest(List.of(old));
        JsonNode attributes = profile("customerId:" + customer).path("attributes");
        assertThat(attributes.path("firstName").asString()).isEqualTo("Zoé");
        assertThat(attributes.path("lastName").asString()).isEqualTo("Martin");
    }

    @Test
    void blockedValuesIdentifyNobody() {
        JsonNode answer = ingest(List.of(event("page_view", Map.of("email", "test@test.com", "anonymousId", "null"))));
        assertThat(answer.path("rejected").asInt()).isEqualTo(1);
        assertThat(answer.path("results").get(0).path("reason").path("code").asString())
                .isEqualTo("blocked_identifier");
        String anonymous = unique("anon-");
        ingest(List.of(event("page_view", Map.of("email", "test@test.com", "anonymousId", anonymous))));
        assertThat(profile("anonymousId:" + anonymous).path("identifiers").size()).isEqualTo(1);
        assertProblem(get("/api/v1/profiles?identifier=email:test@test.com", BOOTSTRAP_KEY), 400, "validation");
    }
}
