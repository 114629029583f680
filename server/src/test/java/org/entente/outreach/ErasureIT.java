package org.entente.outreach;

import org.entente.support.ApiIT;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The right to erasure: after it, no table holds the person's email or phone, and nobody can contact them again. */
class ErasureIT extends ApiIT {

    @Autowired
    DSLContext db;

    @Test
    void afterErasureNoTableHoldsThePersonsEmailOrPhone() {
        String customer = unique("erase");
        String email = customer + "@example.com";
        String phone = "+3361" + String.format(Locale.ROOT, "%07d", Math.floorMod(customer.hashCode(), 10_000_000));
        ObjectNode purchase = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "purchase")
                .put("channel", "store");
        purchase.putObject("identifiers").put("customerId", customer).put("email", email).put("phone", phone);
        purchase.putObject("properties").put("orderId", customer + "-1").put("total", 30).put("currency", "EUR")
                .put("note", "call " + phone + " or write to " + email);
        send(purchase);
        ObjectNode identify = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "identify")
                .put("channel", "web");
        identify.putObject("identifiers").put("email", email);
        identify.putObject("properties").put("firstName", "Erin").put("lastName", "Erased");
        send(identify);
        // A rejected event keeps its payload: it names the email too.
        HttpResponse<String> rejected = postJson("/api/v1/events", BOOTSTRAP_KEY, """
                {"id": "it-%s", "type": "purchase", "channel": "store", "identifiers": {"email": "%s"},
                 "properties": {"orderId": "x"}}""".formatted(UUID.randomUUID(), email));
        assertThat(json(rejected).path("rejected").asInt()).isEqualTo(1);
        String id = json(get("/api/v1/profiles?identifier=email:" + email, BOOTSTRAP_KEY)).path("id").asString();
        assertThat(postJson("/api/v1/profiles/" + id + "/consents", BOOTSTRAP_KEY, """
                {"purpose": "marketing", "channel": "email", "status": "granted", "source": "web",
                 "actor": "customer", "noticeVersion": "v1", "evidence": {"ip": "198.51.100.4", "userAgent": "UA"}}""")
                .statusCode()).isEqualTo(201);
        assertThat(postJson("/api/v1/outreach/decisions", BOOTSTRAP_KEY, """
                {"profileId": "%s", "channel": "email", "class": "marketing", "campaign": "for %s",
                 "idempotencyKey": "mail-%s"}""".formatted(id, email, email)).statusCode()).isEqualTo(200);
        // A message sent to the person, and one waiting for next week: both name her.
        HttpResponse<String> sent = postJson("/api/v1/messages", BOOTSTRAP_KEY, """
                {"profileId": "%s", "channel": "email", "class": "transactional", "subject": "For %s",
                 "body": "Dear Erin Erased, call %s.", "idempotencyKey": "receipt-%s"}"""
                .formatted(id, email, phone, email));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        assertThat(org.entente.support.Mailbox.await(email, 1, java.time.Duration.ofSeconds(10))).hasSize(1);
        HttpResponse<String> waiting = postJson("/api/v1/messages", BOOTSTRAP_KEY, """
                {"profileId": "%s", "channel": "sms", "class": "transactional", "body": "Erin, see you",
                 "idempotencyKey": "later-%s", "sendAt": "%s"}"""
                .formatted(id, phone, clock.instant().plus(java.time.Duration.ofDays(7))));
        assertThat(json(waiting).path("status").asString()).as(waiting.body()).isEqualTo("queued");
        HttpResponse<String> quote = postJson("/api/v1/checkout/quotes", BOOTSTRAP_KEY, """
                {"identifiers": {"email": "%s"}, "channel": "store", "currency": "EUR",
                 "items": [{"sku": "A", "quantity": 1, "unitPrice": 5}]}""".formatted(email));
        assertThat(quote.statusCode()).as(quote.body()).isEqualTo(201);
        assertThat(tablesHolding(email)).isNotEmpty();

        HttpResponse<String> erased = postJson("/api/v1/profiles/" + id + "/erase", createKey("erase-ro", "read"), "");
        assertProblem(erased, 403, "forbidden");
        erased = postJson("/api/v1/profiles/" + id + "/erase", BOOTSTRAP_KEY, "");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(json(erased).path("identifiersErased").asInt()).isEqualTo(3);

        assertThat(tablesHolding(email)).isEmpty();
        assertThat(tablesHolding(phone)).isEmpty();
        assertThat(tablesHolding(phone.substring(1))).isEmpty();
        assertThat(tablesHolding("Erased")).isEmpty();
        assertThat(tablesHolding("198.51.100.4")).isEmpty();
        assertThat(tablesHolding("Erin")).isEmpty();
        JsonNode cancelled = json(get("/api/v1/messages/" + json(waiting).path("id").asString(), BOOTSTRAP_KEY));
        assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.path("reasons")).extracting(JsonNode::asString).containsExactly("suppressed");
        JsonNode audit = json(get("/api/v1/admin/audit-events?action=outreach.person_erased", BOOTSTRAP_KEY));
        assertThat(audit.path("items").get(0).path("target").asString()).isEqualTo(id);

        // The profile stays for the statistics, without anything that identifies the person.
        JsonNode profile = json(get("/api/v1/profiles/" + id, BOOTSTRAP_KEY));
        assertThat(profile.path("identifiers")).isEmpty();
        assertThat(profile.path("statistics").path("purchases").get(0).path("orders").asLong()).isEqualTo(1);
        // A later import brings the email back: the gate still refuses to contact it.
        ObjectNode again = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "sign_up")
                .put("channel", "web");
        again.putObject("identifiers").put("email", email);
        again.putObject("properties");
        send(again);
        String newId = json(get("/api/v1/profiles?identifier=email:" + email, BOOTSTRAP_KEY)).path("id").asString();
        assertThat(postJson("/api/v1/profiles/" + newId + "/consents", BOOTSTRAP_KEY, """
                {"purpose": "marketing", "channel": "email", "status": "granted", "source": "web",
                 "actor": "import", "noticeVersion": "v1"}""").statusCode()).isEqualTo(201);
        for (String who : List.of("\"profileId\": \"" + newId + "\"", "\"profileId\": \"" + id + "\"")) {
            JsonNode decision = json(postJson("/api/v1/outreach/decisions", BOOTSTRAP_KEY, """
                    {%s, "channel": "email", "class": "transactional", "idempotencyKey": "%s"}"""
                    .formatted(who, UUID.randomUUID())));
            assertThat(decision.path("reasons")).extracting(JsonNode::asString).containsExactly("suppressed");
        }
        assertProblem(postJson("/api/v1/profiles/" + UUID.randomUUID() + "/erase", BOOTSTRAP_KEY, ""), 404,
                "not_found");
    }

    /** Every text column of every table of Entente that holds {@code value}, as {@code table.column}. */
    private List<String> tablesHolding(String value) {
        List<String> found = new ArrayList<>();
        var columns = db.fetch("""
                select table_name, column_name from information_schema.columns
                where lower(table_schema) = 'public' and lower(data_type) in ('character varying', 'varchar',
                  'text', 'character large object', 'clob')""");
        for (var column : columns) {
            String table = column.get(0, String.class);
            String name = column.get(1, String.class);
            if (table.toLowerCase(Locale.ROOT).startsWith("flyway")) {
                continue;
            }
            int count = db.fetchCount(DSL.table(DSL.name(table)), DSL.field(DSL.name(table, name), String.class)
                    .contains(value));
            if (count > 0) {
                found.add(table + "." + name);
            }
        }
        return found;
    }
}
