package org.entente.bench.ping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.entente.bench.EntenteBench;
import org.entente.bench.FakeEntente;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PingScenarioTest {

    private static final String KEY = "test-key-123";
    private static final List<String> METRICS = List.of("name", "requestsPerSecond", "p50Ms", "p90Ms", "p99Ms",
            "p999Ms", "maxMs", "requests", "errors");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void measuresPingBesideTheBaselineAndWritesTheJsonReport() throws Exception {
        Path json = dir.resolve("reports/ping.json");
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run("ping", "--url", server.url().toString(), "--key", KEY, "--clients", "2",
                    "--warmup", "200ms", "--duration", "700ms", "--json", json.toString());

            assertThat(exitCode).as(err.toString()).isZero();
            JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
            assertThat(names(report)).containsExactly("scenario", "config", "metrics", "baseline", "ratio");
            assertThat(report.get("scenario").asString()).isEqualTo("ping");

            JsonNode config = report.get("config");
            assertThat(config.get("url").asString()).isEqualTo(server.url().toString());
            assertThat(config.get("clients").asInt()).isEqualTo(2);
            assertThat(config.get("durationSeconds").asDouble()).isEqualTo(0.7);
            assertThat(config.get("warmupSeconds").asDouble()).isEqualTo(0.2);
            assertThat(Instant.parse(config.get("startedAt").asString())).isBefore(Instant.now());

            JsonNode metrics = report.get("metrics");
            JsonNode baseline = report.get("baseline");
            assertSaneMetrics(metrics, "GET /api/v1/ping");
            assertSaneMetrics(baseline, "GET /actuator/health/liveness");
            assertThat(report.get("ratio").asDouble()).isCloseTo(
                    metrics.get("requestsPerSecond").asDouble() / baseline.get("requestsPerSecond").asDouble(),
                    within(0.01));
            // Warm-up requests reach the server but are not counted.
            assertThat(server.pings()).isGreaterThan(metrics.get("requests").asLong());
        }
        assertThat(out.toString()).contains("GET /actuator/health/liveness", "GET /api/v1/ping",
                "throughput ratio ping / baseline");
    }

    @Test
    void wrongKeyFailsFastWithExitCodeTwoAndSendsNoLoad() throws Exception {
        try (var server = FakeEntente.withKey(KEY)) {
            // With the default 30 s duration, running the load would blow the timeout.
            int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> run("ping", "--url", server.url().toString(), "--key", "wrong-key"));

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.pings()).isEqualTo(1);
            assertThat(err.toString()).contains("API key was rejected", "HTTP 401");
        }
    }

    @Test
    void missingKeyFailsFastWithExitCodeTwoBeforeAnyRequest() throws Exception {
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run("ping", "--url", server.url().toString(), "--key=");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.pings()).isZero();
            assertThat(err.toString()).contains("no API key");
        }
    }

    @Test
    void moreThanOnePercentOfErrorsFailsTheRun() throws Exception {
        Path json = dir.resolve("ping.json");
        try (var server = FakeEntente.withKeyFailingEvery(KEY, 10)) {
            int exitCode = run("ping", "--url", server.url().toString(), "--key", KEY, "--clients", "2",
                    "--warmup", "0", "--duration", "300ms", "--json", json.toString());

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_FAILED);
            JsonNode metrics = JsonMapper.builder().build().readTree(json.toFile()).get("metrics");
            assertThat(metrics.get("errors").asDouble() / metrics.get("requests").asDouble())
                    .isCloseTo(0.1, within(0.02));
            assertThat(out.toString()).contains("FAILED");
        }
    }

    private int run(String... args) {
        return EntenteBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private static void assertSaneMetrics(JsonNode metrics, String name) {
        assertThat(names(metrics)).containsExactlyElementsOf(METRICS);
        assertThat(metrics.get("name").asString()).isEqualTo(name);
        assertThat(metrics.get("requests").asLong()).isPositive();
        assertThat(metrics.get("errors").asLong()).isZero();
        assertThat(metrics.get("requestsPerSecond").asDouble()).isPositive();
        double p50 = metrics.get("p50Ms").asDouble();
        double p90 = metrics.get("p90Ms").asDouble();
        double p99 = metrics.get("p99Ms").asDouble();
        double p999 = metrics.get("p999Ms").asDouble();
        double max = metrics.get("maxMs").asDouble();
        assertThat(p50).isPositive();
        assertThat(p50).isLessThanOrEqualTo(p90);
        assertThat(p90).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(p999);
        assertThat(p999).isLessThanOrEqualTo(max);
        assertThat(max).isLessThan(10_000);
    }

    private static List<String> names(JsonNode node) {
        var names = new ArrayList<String>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
