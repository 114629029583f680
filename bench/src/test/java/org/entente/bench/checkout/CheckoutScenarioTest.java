package org.entente.bench.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.entente.bench.EntenteBench;
import org.entente.bench.FakeEntente;
import org.entente.bench.workload.Population;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CheckoutScenarioTest {

    private static final String KEY = "test-key-123";
    private static final List<String> STEP_KEYS = List.of("quotesPerSecond", "clientP50Ms", "clientP99Ms",
            "clientMaxMs", "p50Ms", "p99Ms", "maxMs", "confirmP99Ms", "errors");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void loadsThePopulationMeasuresEachStepBesidePingAndWritesTheJsonReport() throws Exception {
        Path json = dir.resolve("checkout.json");
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--persons", "300", "--steps", "1,3", "--redeem-share", "0.5", "--json",
                    json.toString());

            assertThat(exitCode).as(err.toString()).isZero();
            // Every person of the population bought, and was imported under the customer id the quotes use.
            var population = new Population(7, "chk1");
            assertThat(server.imported("customerId:" + population.customerId(0))).isTrue();
            assertThat(server.imported("customerId:" + population.customerId(299))).isTrue();
            assertThat(server.imported("customerId:" + population.customerId(300))).isFalse();
            // The offer was in force during the run and is gone after it.
            assertThat(server.offersCreated()).isEqualTo(1);
            assertThat(server.offers()).isEmpty();

            JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
            assertThat(names(report)).containsExactly("scenario", "config", "metrics", "baseline", "ratio");
            assertThat(report.get("scenario").asString()).isEqualTo("checkout");

            JsonNode config = report.get("config");
            assertThat(config.get("clients").asInt()).isEqualTo(3);
            assertThat(config.get("steps").asString()).isEqualTo("1,3");
            assertThat(config.get("persons").asLong()).isEqualTo(300);
            assertThat(config.get("population").asString()).isEqualTo("imported");
            assertThat(config.get("run").asString()).isEqualTo("chk1");
            assertThat(config.get("unknownShare").asDouble()).isEqualTo(0.05);
            assertThat(config.get("redeemShare").asDouble()).isEqualTo(0.5);
            assertThat(config.get("confirmShare").asDouble()).isEqualTo(1.0);
            assertThat(config.get("offerBrand").asString()).isNotBlank();

            JsonNode metrics = report.get("metrics");
            assertThat(names(metrics)).startsWith("name", "quotesPerSecond", "p50Ms", "p90Ms", "p99Ms", "p999Ms",
                    "maxMs", "clientP50Ms", "clientP99Ms", "clientMaxMs", "confirmP50Ms", "confirmP99Ms",
                    "confirmMaxMs", "quotes", "quotesWithOffers", "quotesSpendingPoints", "confirmations",
                    "cancellations", "errors", "conflicts");
            for (String step : List.of("At1", "At3")) {
                assertThat(names(metrics)).containsAll(STEP_KEYS.stream().map(key -> key + step).toList());
            }
            assertThat(metrics.get("name").asString()).isEqualTo("quote+confirm, 3 clients (headline)");
            assertThat(metrics.get("quotesPerSecond").asDouble()).isPositive()
                    .isEqualTo(metrics.get("quotesPerSecondAt3").asDouble());
            assertThat(metrics.get("quotes").asLong()).isPositive();
            assertThat(metrics.get("errors").asLong()).isZero();
            assertThat(metrics.get("quotesWithOffers").asLong()).isPositive();
            assertThat(metrics.get("quotesSpendingPoints").asLong()).isPositive();
            assertThat(metrics.get("confirmations").asLong()).isEqualTo(metrics.get("quotes").asLong());
            assertThat(metrics.get("cancellations").asLong()).isZero();
            // The server's own time is read from Server-Timing: within the client's time for the same quotes.
            double serverP99 = metrics.get("p99Ms").asDouble();
            assertThat(serverP99).isPositive().isEqualTo(metrics.get("p99MsAt3").asDouble())
                    .isLessThanOrEqualTo(metrics.get("clientP99Ms").asDouble());
            assertThat(metrics.get("p50Ms").asDouble()).isPositive().isLessThanOrEqualTo(serverP99);
            assertThat(metrics.get("maxMs").asDouble()).isGreaterThanOrEqualTo(serverP99)
                    .isLessThanOrEqualTo(metrics.get("clientMaxMs").asDouble());
            assertThat(metrics.get("confirmP99Ms").asDouble()).isPositive();

            JsonNode baseline = report.get("baseline");
            assertThat(names(baseline)).containsExactly("name", "pingPerSecond", "p50Ms", "p90Ms", "p99Ms",
                    "p999Ms", "maxMs", "requests", "errors");
            assertThat(baseline.get("name").asString()).isEqualTo("GET /api/v1/ping");
            assertThat(report.get("ratio").asDouble()).isCloseTo(
                    metrics.get("quotesPerSecond").asDouble() / baseline.get("pingPerSecond").asDouble(),
                    within(0.01));
            // Warm-up exchanges reach the server but are not counted; two probes come before the load.
            assertThat(server.quoteRequests()).isGreaterThan(metrics.get("quotes").asLong() + 2);
            assertThat(server.confirmedQuotes()).isEqualTo(server.quoteRequests());
            assertThat(server.cancelRequests()).isZero();
        }
        assertThat(out.toString()).contains("GET /api/v1/ping", "quote+confirm, 1 client ",
                "quote+confirm, 3 clients ", "server p99", "throughput ratio checkout / baseline");
        assertThat(err.toString()).contains("--prepared --seed 7 --run chk1", "is deleted");
    }

    @Test
    void quotesNotConfirmedAreCancelledWhenTheyHoldPointsAndAbandonedOtherwise() throws Exception {
        Path json = dir.resolve("checkout.json");
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--persons", "100", "--steps", "2", "--redeem-share", "0.5",
                    "--confirm-share", "0.5", "--json", json.toString());

            assertThat(exitCode).as(err.toString()).isZero();
            JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
            assertThat(report.get("config").get("confirmShare").asDouble()).isEqualTo(0.5);
            JsonNode metrics = report.get("metrics");
            assertThat(metrics.get("name").asString()).isEqualTo("quote, 50% confirmed, 2 clients (headline)");
            long quotes = metrics.get("quotes").asLong();
            long confirmations = metrics.get("confirmations").asLong();
            long cancellations = metrics.get("cancellations").asLong();
            assertThat(metrics.get("errors").asLong()).isZero();
            assertThat(confirmations / (double) quotes).isCloseTo(0.5, within(0.1));
            assertThat(cancellations).isPositive().isLessThan(metrics.get("quotesSpendingPoints").asLong());
            // Warm-up included: no quote left holding points, none cancelled without, and some walked away from.
            assertThat(server.quotes("open", true)).isZero();
            assertThat(server.quotes("cancelled", true)).isPositive().isEqualTo(server.cancelRequests());
            assertThat(server.quotes("cancelled", false)).isZero();
            assertThat(server.quotes("open", false)).isPositive();
            assertThat(quotes - confirmations - cancellations).isPositive();
        }
        assertThat(out.toString()).contains("quote, 50% confirmed, 2 clients ", "quotes cancelled");
    }

    @Test
    void aQuoteHoldingPointsForARewardIsCancelledThoughItRedeemsNone() throws Exception {
        Path json = dir.resolve("checkout.json");
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--persons", "100", "--steps", "2", "--redeem-share", "0",
                    "--confirm-share", "0", "--json", json.toString());

            assertThat(exitCode).as(err.toString()).isZero();
            JsonNode metrics = JsonMapper.builder().build().readTree(json.toFile()).get("metrics");
            assertThat(metrics.get("name").asString()).isEqualTo("quote, 0% confirmed, 2 clients (headline)");
            assertThat(metrics.get("confirmations").asLong()).isZero();
            // The offer's reward is paid with points: the quotes granted it hold points, and only those.
            assertThat(metrics.get("cancellations").asLong()).isPositive()
                    .isEqualTo(metrics.get("quotesSpendingPoints").asLong())
                    .isEqualTo(metrics.get("quotesWithOffers").asLong());
            assertThat(server.quotes("open", true)).isZero();
            assertThat(server.quotes("open", false)).isPositive();
            // Only the two probes before the load are confirmed.
            assertThat(server.confirmRequests()).isEqualTo(2);
        }
    }

    @Test
    void aCancellationThatFailsIsAnError() throws Exception {
        Path json = dir.resolve("checkout.json");
        try (var server = FakeEntente.withKey(KEY).failingCancelsEvery(10)) {
            int exitCode = run(server, "--persons", "100", "--steps", "2", "--redeem-share", "1",
                    "--confirm-share", "0", "--json", json.toString());

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_FAILED);
            JsonNode metrics = JsonMapper.builder().build().readTree(json.toFile()).get("metrics");
            long errors = metrics.get("errors").asLong();
            assertThat(errors).isPositive();
            assertThat(metrics.get("cancellations").asLong() + errors)
                    .isEqualTo(metrics.get("quotesSpendingPoints").asLong());
            assertThat(errors / (double) metrics.get("quotesSpendingPoints").asLong()).isCloseTo(0.1, within(0.02));
        }
        assertThat(out.toString()).contains("FAILED: more than 1% of the requests failed");
        assertThat(err.toString()).containsPattern("/cancel for \\S+ answered HTTP 503");
    }

    @Test
    void aPreparedRunMeasuresThePopulationLoadedEarlierWithoutLoadingItAgain() throws Exception {
        try (var server = FakeEntente.withKey(KEY)) {
            assertThat(run(server, "--persons", "100", "--steps", "1")).as(err.toString()).isZero();
            long rows = server.importedRows();

            int exitCode = run(server, "--persons", "100", "--steps", "2", "--prepared");

            assertThat(exitCode).as(err.toString()).isZero();
            assertThat(server.importedRows()).isEqualTo(rows);
            assertThat(server.offersCreated()).isEqualTo(2);
            assertThat(server.offers()).isEmpty();
        }
    }

    @Test
    void aPreparedRunOnPersonsNeverLoadedStopsBeforeAnyLoad() throws Exception {
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--persons", "100", "--prepared");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.importedRows()).isZero();
            assertThat(server.quoteRequests()).isEqualTo(1);
            assertThat(server.offers()).isEmpty();
            assertThat(err.toString()).contains("answered recognised false", "pass the --seed and --run");
        }
    }

    @Test
    void aServerWithoutServerTimingStopsTheRunBeforeAnyLoad() throws Exception {
        try (var server = FakeEntente.withKey(KEY).withoutServerTiming()) {
            int exitCode = run(server, "--persons", "50");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.quoteRequests()).isEqualTo(1);
            assertThat(server.offers()).isEmpty();
            assertThat(err.toString()).contains("without 'Server-Timing: app;dur=<milliseconds>'");
        }
    }

    @Test
    void aKeyWithoutTheAdminScopeStopsTheRunBeforeAnyQuote() throws Exception {
        try (var server = FakeEntente.withKey(KEY).withoutAdminScope()) {
            int exitCode = run(server, "--persons", "50");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.quoteRequests()).isZero();
            assertThat(err.toString()).contains("admin scope");
        }
    }

    @Test
    void moreThanOnePercentOfFailedExchangesFailsTheRun() throws Exception {
        Path json = dir.resolve("checkout.json");
        try (var server = FakeEntente.withKey(KEY).conflictingConfirmsEvery(20)) {
            int exitCode = run(server, "--persons", "50", "--steps", "2", "--json", json.toString());

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_FAILED);
            JsonNode metrics = JsonMapper.builder().build().readTree(json.toFile()).get("metrics");
            assertThat(metrics.get("errors").asDouble() / metrics.get("quotes").asDouble())
                    .isCloseTo(0.05, within(0.02));
            assertThat(metrics.get("conflicts").asLong()).isEqualTo(metrics.get("errors").asLong());
            assertThat(server.offers()).isEmpty();
        }
        assertThat(out.toString()).contains("FAILED: more than 1% of the requests failed");
        assertThat(err.toString()).contains("answered HTTP 409");
    }

    @Test
    void stepsMustIncrease() throws Exception {
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--steps", "4,2");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.pings()).isZero();
            assertThat(err.toString()).contains("--steps must be increasing");
        }
    }

    @Test
    void theConfirmShareIsAShare() throws Exception {
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--confirm-share", "1.5");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.pings()).isZero();
            assertThat(err.toString()).contains("--confirm-share must be 0 to 1, not 1.5");
        }
    }

    @Test
    void aPreparedRunNeedsTheRunTagOfThePopulation() throws Exception {
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = EntenteBench.commandLine()
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .execute("checkout", "--url", server.url().toString(), "--key", KEY, "--prepared");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.pings()).isZero();
            assertThat(err.toString()).contains("--prepared needs the --run");
        }
    }

    private int run(FakeEntente server, String... more) {
        var args = new ArrayList<>(List.of("checkout", "--url", server.url().toString(), "--key", KEY,
                "--seed", "7", "--run", "chk1", "--warmup", "100ms", "--duration", "400ms"));
        args.addAll(List.of(more));
        return EntenteBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
    }

    private static List<String> names(JsonNode node) {
        var names = new ArrayList<String>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
