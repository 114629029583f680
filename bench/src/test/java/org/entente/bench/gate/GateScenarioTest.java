package org.entente.bench.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.entente.bench.EntenteBench;
import org.entente.bench.FakeEntente;
import org.entente.bench.FakeEntente.GateDecision;
import org.entente.bench.workload.Population;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GateScenarioTest {

    private static final String KEY = "test-key-123";

    @TempDir
    Path dir;

    private final Population population = new Population(7, "gate1");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void asksAboutEveryPersonOnceInBatchesThenSingleDecisionsBesidePingAndWritesTheJsonReport() throws Exception {
        Path json = dir.resolve("gate.json");
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--persons", "230", "--batch", "50", "--clients", "3",
                    "--json", json.toString());

            assertThat(exitCode).as(err.toString()).isZero();
            assertThat(server.imported("customerId:" + population.customerId(0))).isTrue();
            assertThat(server.imported("customerId:" + population.customerId(229))).isTrue();

            JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
            assertThat(names(report)).containsExactly("scenario", "config", "metrics", "baseline", "ratio");
            assertThat(report.get("scenario").asString()).isEqualTo("gate");
            JsonNode config = report.get("config");
            assertThat(config.get("clients").asInt()).isEqualTo(3);
            assertThat(config.get("batch").asInt()).isEqualTo(50);
            assertThat(config.get("singleClients").asInt()).isEqualTo(2);
            assertThat(config.get("persons").asLong()).isEqualTo(230);
            assertThat(config.get("campaignPersons").asLong()).isEqualTo(230);
            assertThat(config.get("population").asString()).isEqualTo("imported");
            assertThat(config.get("run").asString()).isEqualTo("gate1");
            String campaign = config.get("campaign").asString();
            assertThat(campaign).startsWith("gate1-gate-");

            // The campaign: every person once, by customer id, with the keys <campaign>-<index>, all allowed.
            assertThat(server.decisionBatchRequests()).isEqualTo(5);
            var campaignDecisions = decisions(server, campaign);
            assertThat(campaignDecisions).extracting(GateDecision::idempotencyKey)
                    .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 230).mapToObj(i -> campaign + "-" + i)
                            .toList());
            for (var decision : campaignDecisions) {
                long index = Long.parseLong(decision.idempotencyKey().substring(campaign.length() + 1));
                assertThat(decision.customerId()).isEqualTo(population.customerId(index));
                assertThat(decision).extracting(GateDecision::channel, GateDecision::messageClass,
                        GateDecision::topic, GateDecision::verdict).containsExactly("email", "service", "news",
                        "allow");
            }

            JsonNode metrics = report.get("metrics");
            assertThat(names(metrics)).containsExactly("name", "decisionsPerSecond", "campaignSeconds",
                    "batchP50Ms", "batchP99Ms", "batchMaxMs", "decisions", "allowed", "deferred", "denied",
                    "unknownPersons", "batches", "failedBatches", "singlePerSecond", "singleP50Ms", "singleP90Ms",
                    "singleP99Ms", "singleP999Ms", "singleMaxMs", "singles", "singleErrors", "singleAllowed",
                    "singleDeferred", "singleDenied");
            assertThat(metrics.get("decisions").asLong()).isEqualTo(230);
            assertThat(metrics.get("allowed").asLong()).isEqualTo(230);
            assertThat(metrics.get("deferred").asLong() + metrics.get("denied").asLong()
                    + metrics.get("unknownPersons").asLong()).isZero();
            assertThat(metrics.get("batches").asLong()).isEqualTo(5);
            assertThat(metrics.get("failedBatches").asLong()).isZero();
            double campaignSeconds = metrics.get("campaignSeconds").asDouble();
            assertThat(campaignSeconds).isPositive();
            assertThat(metrics.get("decisionsPerSecond").asDouble()).isCloseTo(230 / campaignSeconds,
                    within(230 / campaignSeconds * 0.01));
            assertThat(metrics.get("batchP50Ms").asDouble()).isPositive()
                    .isLessThanOrEqualTo(metrics.get("batchP99Ms").asDouble());
            assertThat(metrics.get("batchMaxMs").asDouble()).isGreaterThanOrEqualTo(
                    metrics.get("batchP99Ms").asDouble());

            // The single decisions: a key of their own each, outside the campaign, for persons of the population.
            long singles = metrics.get("singles").asLong();
            assertThat(singles).isPositive();
            assertThat(metrics.get("singleErrors").asLong()).isZero();
            assertThat(metrics.get("singleAllowed").asLong()).isEqualTo(singles);
            assertThat(metrics.get("singlePerSecond").asDouble()).isPositive();
            assertThat(metrics.get("singleP50Ms").asDouble()).isPositive()
                    .isLessThanOrEqualTo(metrics.get("singleP99Ms").asDouble());
            assertThat(metrics.get("singleMaxMs").asDouble()).isGreaterThanOrEqualTo(
                    metrics.get("singleP99Ms").asDouble());
            var singleDecisions = server.gateDecisions().stream()
                    .filter(decision -> decision.idempotencyKey().startsWith(campaign + "-s")).toList();
            assertThat(singleDecisions).allSatisfy(decision -> {
                assertThat(decision.campaign()).isNull();
                assertThat(decision.messageClass()).isEqualTo("service");
                assertThat(decision.verdict()).isEqualTo("allow");
                assertThat(Long.parseLong(decision.customerId().substring("gate1-C".length()))).isLessThan(230);
            });
            // Warm-up questions reach the server but are not counted; two probes come before the load.
            assertThat(singleDecisions).hasSizeGreaterThan((int) singles);
            assertThat(server.decisionRequests()).isEqualTo(singleDecisions.size() + 2);
            var probes = server.gateDecisions().stream()
                    .filter(decision -> decision.idempotencyKey().startsWith(campaign + "-p")).toList();
            assertThat(probes).extracting(GateDecision::customerId)
                    .containsExactlyInAnyOrder(population.customerId(0), population.customerId(229));
            assertThat(probes).allSatisfy(probe -> assertThat(probe.reasons()).containsExactly("no_consent"));

            JsonNode baseline = report.get("baseline");
            assertThat(names(baseline)).containsExactly("name", "pingPerSecond", "p50Ms", "p90Ms", "p99Ms",
                    "p999Ms", "maxMs", "requests", "errors");
            assertThat(baseline.get("name").asString()).isEqualTo("GET /api/v1/ping");
            assertThat(report.get("ratio").asDouble()).isCloseTo(
                    metrics.get("singlePerSecond").asDouble() / baseline.get("pingPerSecond").asDouble(),
                    within(0.01));
        }
        assertThat(out.toString()).contains("GET /api/v1/ping", "campaign decisions/s", "batch p99 ms",
                "single p99 ms", "throughput ratio gate / baseline");
        assertThat(err.toString()).contains("--prepared --seed 7 --run gate1", "5 of 5 batches answered",
                "campaign verdict reasons: none");
    }

    @Test
    void theCampaignLimitAsksAboutTheFirstPersonsOnly() throws Exception {
        Path json = dir.resolve("gate.json");
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--persons", "200", "--campaign-limit", "120", "--batch", "50", "--json",
                    json.toString());

            assertThat(exitCode).as(err.toString()).isZero();
            JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
            assertThat(report.get("config").get("campaignPersons").asLong()).isEqualTo(120);
            assertThat(report.get("metrics").get("decisions").asLong()).isEqualTo(120);
            assertThat(server.decisionBatchRequests()).isEqualTo(3);
            String campaign = report.get("config").get("campaign").asString();
            assertThat(decisions(server, campaign)).extracting(GateDecision::customerId)
                    .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 120).mapToObj(population::customerId)
                            .toList());
        }
    }

    @Test
    void aPreparedRunAsksAboutThePopulationLoadedEarlierWithoutLoadingItAgain() throws Exception {
        Path json = dir.resolve("gate.json");
        try (var server = FakeEntente.withKey(KEY)) {
            assertThat(run(server, "--persons", "100")).as(err.toString()).isZero();
            long rows = server.importedRows();

            int exitCode = run(server, "--persons", "100", "--prepared", "--json", json.toString());

            assertThat(exitCode).as(err.toString()).isZero();
            assertThat(server.importedRows()).isEqualTo(rows);
            // A campaign id of its own: the second campaign's questions are new, not replays of the first's.
            JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
            assertThat(report.get("config").get("population").asString()).isEqualTo("prepared");
            assertThat(report.get("metrics").get("allowed").asLong()).isEqualTo(100);
            assertThat(decisions(server, report.get("config").get("campaign").asString())).hasSize(100);
            assertThat(server.gateDecisions().stream().filter(decision -> decision.campaign() != null))
                    .hasSize(200);
        }
    }

    @Test
    void aPreparedRunOnPersonsNeverLoadedStopsBeforeAnyLoad() throws Exception {
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--persons", "100", "--prepared");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.importedRows()).isZero();
            assertThat(server.decisionRequests()).isEqualTo(1);
            assertThat(server.decisionBatchRequests()).isZero();
            assertThat(server.pings()).isEqualTo(1);
            assertThat(err.toString()).contains("does not know person 0", "unknown_person",
                    "pass the --seed and --run");
        }
    }

    @Test
    void aKeyWithoutTheOutreachScopeStopsTheRunBeforeAnyLoad() throws Exception {
        try (var server = FakeEntente.withKey(KEY).withoutOutreachScope()) {
            int exitCode = run(server, "--persons", "50");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.decisionBatchRequests()).isZero();
            assertThat(server.pings()).isEqualTo(1);
            assertThat(err.toString()).contains("answered HTTP 403", "the key needs the outreach scope");
        }
    }

    @Test
    void moreThanOnePercentOfFailedBatchesFailsTheRun() throws Exception {
        Path json = dir.resolve("gate.json");
        try (var server = FakeEntente.withKey(KEY).failingDecisionBatchesEvery(10)) {
            int exitCode = run(server, "--persons", "300", "--batch", "10", "--json", json.toString());

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_FAILED);
            JsonNode metrics = JsonMapper.builder().build().readTree(json.toFile()).get("metrics");
            assertThat(metrics.get("batches").asLong()).isEqualTo(30);
            assertThat(metrics.get("failedBatches").asLong()).isEqualTo(3);
            // The verdicts add up to the persons of the batches answered: only the failed batches are missing.
            assertThat(metrics.get("decisions").asLong()).isEqualTo(270);
        }
        assertThat(out.toString()).contains("FAILED: more than 1% of the requests failed")
                .doesNotContain("do not add up");
        assertThat(err.toString()).contains("answered HTTP 503");
    }

    @Test
    void aBatchAnsweredWithoutAVerdictFailsTheRun() throws Exception {
        Path json = dir.resolve("gate.json");
        try (var server = FakeEntente.withKey(KEY).droppingVerdictsEvery(3)) {
            int exitCode = run(server, "--persons", "230", "--batch", "50", "--json", json.toString());

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_FAILED);
            JsonNode metrics = JsonMapper.builder().build().readTree(json.toFile()).get("metrics");
            assertThat(metrics.get("failedBatches").asLong()).isZero();
            assertThat(metrics.get("decisions").asLong()).isEqualTo(229);
        }
        assertThat(out.toString()).contains(
                "FAILED: the campaign's verdicts (229) do not add up to the 230 persons of the batches answered 200");
        assertThat(err.toString()).containsPattern("answered 200 with (49|29) decisions for (50|30) questions");
    }

    @Test
    void aBatchIsAtMostAThousandQuestions() throws Exception {
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--batch", "1001");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.pings()).isZero();
            assertThat(err.toString()).contains("--batch must be 1 to 1000, not 1001");
        }
    }

    @Test
    void theCampaignCoversAtMostThePersons() throws Exception {
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--persons", "100", "--campaign-limit", "101");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.pings()).isZero();
            assertThat(err.toString()).contains("--campaign-limit must be 1 to --persons (100), not 101");
        }
    }

    private int run(FakeEntente server, String... more) {
        var args = new ArrayList<>(List.of("gate", "--url", server.url().toString(), "--key", KEY,
                "--seed", "7", "--run", "gate1", "--warmup", "100ms", "--duration", "400ms", "--single-clients", "2"));
        args.addAll(List.of(more));
        return EntenteBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
    }

    /** The decisions of this campaign. */
    private static List<GateDecision> decisions(FakeEntente server, String campaign) {
        return server.gateDecisions().stream().filter(decision -> campaign.equals(decision.campaign())).toList();
    }

    private static List<String> names(JsonNode node) {
        var names = new ArrayList<String>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
