package org.entente.loyalty;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The loyalty API: the program, standing, ledger, adjustments and redemptions, with good and bad input. */
class LoyaltyApiIT extends LoyaltyFixtures {

    private static final String PROGRAM = "/api/v1/loyalty/program";

    private HttpResponse<String> put(String path, String key, String body, String... headers) {
        HttpRequest.Builder request = request(path, key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private List<JsonNode> audit(String action) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        json(get("/api/v1/admin/audit-events?limit=200&action=" + action, BOOTSTRAP_KEY)).path("items")
                .forEach(entries::add);
        return entries;
    }

    private ObjectNode program() {
        HttpResponse<String> response = get(PROGRAM, BOOTSTRAP_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (ObjectNode) json(response);
    }

    @Test
    void theProgramReadsAsItWasSavedAndEachSaveIsANewVersion() {
        ObjectNode program = program();
        int version = program.path("version").asInt();
        assertThat(program.path("tiers").get(0).path("code").asString()).isEqualTo("member");
        assertThat(program.path("tiers").get(0).path("qualification").path("minOrders").asInt()).isEqualTo(3);
        assertThat(program.path("tiers").get(0).path("benefits").get(0).path("kind").asString())
                .isEqualTo("member_price");
        assertThat(program.path("earning").path("pointsPerUnit").asInt()).isEqualTo(1);
        assertThat(program.path("expiry").path("monthsAfterEarn").asInt()).isEqualTo(24);
        assertThat(get(PROGRAM, BOOTSTRAP_KEY).headers().firstValue("ETag")).hasValue("\"" + version + "\"");

        // The issue's own example, as a brand would send it.
        String example = """
                {"currency": "EUR", "tiers": [{"code": "member", "name": {"en": "Member", "fr": "Membre"},
                 "qualification": {"minOrders": 3, "minSpend": null, "windowDays": 365, "satisfiedOnly": true,
                 "satisfactionDays": 30}, "benefits": [{"kind": "member_price", "percent": 5, "categories": ["baby"]}]}],
                 "earning": {"pointsPerUnit": 1, "multipliers": [{"brand": "X", "factor": 2}]},
                 "expiry": {"monthsAfterEarn": 24}}""";
        HttpResponse<String> saved = put(PROGRAM, BOOTSTRAP_KEY, example);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonNode answer = json(saved);
        assertThat(answer.path("version").asInt()).isEqualTo(version + 1);
        assertThat(answer.path("updatedBy").asString()).contains("bootstrap");
        assertThat(answer.path("active").asBoolean()).isTrue();
        assertThat(answer.path("tiers").get(0).path("benefits").get(0).path("categories").get(0).asString())
                .isEqualTo("baby");
        assertThat(answer.path("earning").path("multipliers").get(0).path("factor").asInt()).isEqualTo(2);
        assertThat(program().path("version").asInt()).isEqualTo(version + 1);

        // Editing an old version is refused, by body or by If-Match.
        ObjectNode stale = program.deepCopy();
        assertProblem(put(PROGRAM, BOOTSTRAP_KEY, stale.toString()), 409, "stale_program");
        stale.remove("version");
        assertProblem(put(PROGRAM, BOOTSTRAP_KEY, stale.toString(), "If-Match", "\"" + version + "\""), 409,
                "stale_program");
        assertProblem(put(PROGRAM, BOOTSTRAP_KEY, stale.toString(), "If-Match", "\"abc\""), 400, "validation");
        HttpResponse<String> fresh = put(PROGRAM, BOOTSTRAP_KEY, stale.toString(), "If-Match",
                "\"" + (version + 1) + "\"");
        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);

        assertThat(audit("loyalty.program_saved").stream().map(e -> e.path("target").asString()))
                .contains("v" + (version + 1));
    }

    @Test
    void anInvalidProgramIsRefusedWithEveryFault() {
        ObjectNode program = program();
        program.remove("version");
        program.put("currency", "EURO").put("timezone", "Mars/Olympus");
        ArrayNode tiers = (ArrayNode) program.path("tiers");
        ObjectNode first = (ObjectNode) tiers.get(0);
        first.put("code", "Member!");
        ((ObjectNode) first.path("name")).put("de", "Mitglied");
        ((ObjectNode) first.path("qualification")).putNull("minOrders").put("windowDays", 0);
        ((ObjectNode) tiers.get(1)).put("code", "Member!");
        ((ObjectNode) first.path("benefits").get(0)).put("percent", 95);
        ObjectNode earning = (ObjectNode) program.path("earning");
        earning.put("pointsPerUnit", -1);
        earning.putArray("multipliers").addObject().put("brand", "X").put("category", "baby").put("factor", 11);
        ((ObjectNode) program.path("expiry")).put("monthsAfterEarn", 0);
        program.putObject("card").put("issueAtTier", "gold").put("prefix", "29a");
        JsonNode problem = assertProblem(put(PROGRAM, BOOTSTRAP_KEY, program.toString()), 400, "validation");
        assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString())).contains(
                "currency", "timezone", "tiers[0].code", "tiers[0].name.de", "tiers[0].qualification",
                "tiers[0].qualification.windowDays", "tiers[1].code", "tiers[0].benefits[0].percent",
                "earning.pointsPerUnit", "earning.multipliers[0]", "earning.multipliers[0].factor",
                "expiry.monthsAfterEarn", "card.issueAtTier", "card.prefix");
        // In French too.
        JsonNode french = json(send(request(PROGRAM, BOOTSTRAP_KEY).header("Content-Type", "application/json")
                .header("Accept-Language", "fr").PUT(HttpRequest.BodyPublishers.ofString(program.toString()))));
        assertThat(french.path("errors").get(0).path("message").asString()).contains("devise");
        // Nothing was saved.
        assertThat(program().path("currency").asString()).isEqualTo("EUR");
    }

    @Test
    void malformedHostileAndOversizedProgramsAreClearFourHundreds() {
        assertProblem(put(PROGRAM, BOOTSTRAP_KEY, "{\"tiers\": [}"), 400, "malformed_json");
        assertProblem(put(PROGRAM, BOOTSTRAP_KEY, "[]"), 400, "validation");
        JsonNode unknownKind = assertProblem(put(PROGRAM, BOOTSTRAP_KEY, """
                {"tiers": [{"code": "a", "name": {"en": "A"}, "qualification": {"minOrders": 1},
                 "benefits": [{"kind": "free_money", "amount": 1000}]}]}"""), 400, "validation");
        assertThat(unknownKind.path("errors").get(0).path("field").asString()).startsWith("tiers[0].benefits[0]");
        assertProblem(put(PROGRAM, BOOTSTRAP_KEY, "{\"script\": \"T(java.lang.Runtime).getRuntime()\"}"), 400,
                "validation");
        assertProblem(put(PROGRAM, BOOTSTRAP_KEY, "{\"tiers\": [null]}"), 400, "validation");
        assertProblem(put(PROGRAM, BOOTSTRAP_KEY, "{\"earning\": {\"pointsPerUnit\": \"lots\"}}"), 400, "validation");
        String hostile = "{\"tiers\": [{\"code\": \"a\", \"name\": {\"en\": \"<script>alert(1)</script>\\u0007\"},"
                + " \"qualification\": {\"minOrders\": 1}}]}";
        JsonNode control = assertProblem(put(PROGRAM, BOOTSTRAP_KEY, hostile), 400, "validation");
        assertThat(control.path("errors").get(0).path("field").asString()).isEqualTo("tiers[0].name.en");
        StringBuilder many = new StringBuilder("{\"tiers\": [");
        for (int i = 0; i < 11; i++) {
            many.append(i == 0 ? "" : ",").append("{\"code\": \"t").append(i)
                    .append("\", \"name\": {\"en\": \"T\"}, \"qualification\": {\"minOrders\": 1}}");
        }
        assertProblem(put(PROGRAM, BOOTSTRAP_KEY, many.append("]}").toString()), 400, "validation");
        String huge = "{\"tiers\": [], \"padding\": \"" + "x".repeat(1_100_000) + "\"}";
        assertProblem(put(PROGRAM, BOOTSTRAP_KEY, huge), 413, "payload_too_large");
        assertProblem(send(request(PROGRAM, BOOTSTRAP_KEY).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))), 415, "unsupported_media_type");
    }

    @Test
    void onlyAdminKeysChangeTheProgram() {
        String reader = createKey("loyalty-reader", "read");
        assertThat(get(PROGRAM, reader).statusCode()).isEqualTo(200);
        assertProblem(put(PROGRAM, reader, program().toString()), 403, "forbidden");
        assertProblem(get(PROGRAM, createKey("loyalty-till", "checkout")), 403, "forbidden");
        assertProblem(send(request(PROGRAM).GET()), 401, "missing_api_key");
    }

    @Test
    void staffAdjustmentsCarryAReasonAreAuditedAndHappenOnce() {
        String customer = unique("ADJ-");
        send(purchase(customer, customer + "-1", "30.00"));
        String path = "/api/v1/profiles/" + personOf(customer) + "/loyalty/adjustments";
        HttpResponse<String> added = postJson(path, BOOTSTRAP_KEY,
                "{\"points\": 120, \"reason\": \"Late delivery, goodwill\", \"reference\": \"case-42\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode change = json(added);
        assertThat(change.path("balance").asLong()).isEqualTo(150);
        assertThat(change.path("entry").path("kind").asString()).isEqualTo("adjust");
        assertThat(change.path("entry").path("reason").asString()).isEqualTo("Late delivery, goodwill");
        assertThat(change.path("entry").path("actor").asString()).contains("bootstrap");
        HttpResponse<String> again = postJson(path, BOOTSTRAP_KEY,
                "{\"points\": 120, \"reason\": \"Late delivery, goodwill\", \"reference\": \"case-42\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("replayed").asBoolean()).isTrue();
        assertThat(balance(customer)).isEqualTo(150);
        assertProblem(postJson(path, BOOTSTRAP_KEY,
                "{\"points\": 99, \"reason\": \"Another\", \"reference\": \"case-42\"}"), 409, "source_reused");

        HttpResponse<String> removed = postJson(path, BOOTSTRAP_KEY,
                "{\"points\": -100, \"reason\": \"Points given by mistake\"}");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(201);
        assertThat(balance(customer)).isEqualTo(50);
        JsonNode tooMuch = assertProblem(postJson(path, BOOTSTRAP_KEY,
                "{\"points\": -51, \"reason\": \"Too much\"}"), 409, "insufficient_points");
        assertThat(tooMuch.path("detail").asString()).contains("50").contains("51");

        assertThat(audit("loyalty.points_adjusted").stream()
                .filter(e -> e.path("target").asString().equals(personOf(customer)))).hasSize(2);

        for (String bad : List.of("{}", "{\"points\": 0, \"reason\": \"zero\"}", "{\"points\": 10}",
                "{\"points\": 10, \"reason\": \"ab\"}", "{\"points\": 10, \"reason\": \"bad\\u0000reason\"}",
                "{\"points\": 1000000000000, \"reason\": \"huge\"}", "{\"points\": 1.5, \"reason\": \"half\"}",
                "{\"points\": 10, \"reason\": \"ok reason\", \"reference\": \"no spaces allowed\"}",
                "{\"points\": 10, \"reason\": \"ok reason\", \"extra\": true}", "not json")) {
            HttpResponse<String> response = postJson(path, BOOTSTRAP_KEY, bad);
            assertThat(response.statusCode()).as(bad + " -> " + response.body()).isEqualTo(400);
        }
        assertProblem(postJson(path, createKey("loyalty-agent", "read", "checkout"),
                "{\"points\": 10, \"reason\": \"not allowed\"}"), 403, "forbidden");
        assertProblem(postJson("/api/v1/profiles/" + UUID.randomUUID() + "/loyalty/adjustments", BOOTSTRAP_KEY,
                "{\"points\": 10, \"reason\": \"nobody\"}"), 404, "not_found");
        assertThat(balance(customer)).isEqualTo(50);
    }

    @Test
    void redemptionsAtTheTillAreIdempotentAndNeverOverdraw() {
        String customer = unique("RDM-");
        send(purchase(customer, customer + "-1", "40.00"));
        String path = "/api/v1/profiles/" + personOf(customer) + "/loyalty/redemptions";
        String till = createKey("loyalty-till", "checkout");
        HttpResponse<String> first = postJson(path, till, "{\"points\": 30, \"orderId\": \"" + customer + "-T1\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).path("balance").asLong()).isEqualTo(10);
        assertThat(json(first).path("entry").path("details").path("lots").get(0).path("points").asLong())
                .isEqualTo(30);
        HttpResponse<String> replay = postJson(path, till, "{\"points\": 30, \"orderId\": \"" + customer + "-T1\"}");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json(replay).path("entry").path("id").asString())
                .isEqualTo(json(first).path("entry").path("id").asString());
        assertProblem(postJson(path, till, "{\"points\": 5, \"orderId\": \"" + customer + "-T1\"}"), 409,
                "source_reused");
        JsonNode refused = assertProblem(postJson(path, till, "{\"points\": 11, \"orderId\": \"" + customer
                + "-T2\"}"), 409, "insufficient_points");
        assertThat(json(send(request(path, till).header("Content-Type", "application/json")
                .header("Accept-Language", "fr").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"points\": 11, \"orderId\": \"" + customer + "-T2\"}")))).path("detail").asString())
                .contains("Pas assez de points");
        assertThat(refused.path("detail").asString()).contains("10 available");
        assertThat(balance(customer)).isEqualTo(10);

        for (String bad : List.of("{\"points\": 0, \"orderId\": \"x\"}", "{\"points\": -5, \"orderId\": \"x\"}",
                "{\"points\": 5}", "{\"points\": 5, \"orderId\": \"\"}", "{\"points\": \"5\", \"orderId\": [1]}",
                "{\"points\": 5, \"orderId\": \"" + "o".repeat(201) + "\"}")) {
            HttpResponse<String> response = postJson(path, till, bad);
            assertThat(response.statusCode()).as(bad + " -> " + response.body()).isEqualTo(400);
        }
        assertProblem(postJson(path, createKey("loyalty-ingest", "ingest"), "{\"points\": 1, \"orderId\": \"z\"}"),
                403, "forbidden");
        // A person with no loyalty account has nothing to spend.
        String stranger = unique("RDM-NONE-");
        send(event("page_view", stranger));
        assertProblem(postJson("/api/v1/profiles/" + personOf(stranger) + "/loyalty/redemptions", till,
                "{\"points\": 1, \"orderId\": \"" + stranger + "\"}"), 409, "insufficient_points");
    }

    @Test
    void theLedgerPagesNewestFirstAndRefusesBadCursors() {
        String customer = unique("LDG-");
        for (int i = 1; i <= 7; i++) {
            send(purchase(customer, customer + "-" + i, i + ".00"));
        }
        List<JsonNode> entries = ledger(customer);
        assertThat(entries).hasSize(7);
        assertThat(entries.stream().map(e -> e.path("points").asLong())).containsExactly(7L, 6L, 5L, 4L, 3L, 2L,
                1L);
        assertThat(entries.getFirst().path("source").asString()).isEqualTo("order:" + customer + "-7");
        String base = "/api/v1/profiles/" + personOf(customer) + "/loyalty/ledger";
        assertProblem(get(base + "?before=not-a-cursor", BOOTSTRAP_KEY), 400, "validation");
        assertProblem(get(base + "?limit=0", BOOTSTRAP_KEY), 400, "validation");
        assertProblem(get(base + "?limit=201", BOOTSTRAP_KEY), 400, "validation");
        assertProblem(get("/api/v1/profiles/" + UUID.randomUUID() + "/loyalty/ledger", BOOTSTRAP_KEY), 404,
                "not_found");
        assertProblem(get("/api/v1/profiles/not-a-uuid/loyalty", BOOTSTRAP_KEY), 400, "validation");
        assertProblem(get(base, createKey("loyalty-ingest", "ingest")), 403, "forbidden");
    }
}
