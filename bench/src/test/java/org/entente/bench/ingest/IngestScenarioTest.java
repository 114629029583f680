package org.entente.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.entente.bench.EntenteBench;
import org.entente.bench.FakeEntente;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IngestScenarioTest {

    private static final String KEY = "test-key-123";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void sendsEveryEventChecksTheProfilesAndWritesTheJsonReport() throws Exception {
        Path json = dir.resolve("ingest.json");
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = run(server, "--json", json.toString());

            assertThat(exitCode).as(err.toString()).isZero();
            assertThat(server.acceptedEvents()).isEqualTo(500);
            JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
            // Without --pg-url there is no baseline, hence no ratio.
            assertThat(names(report)).containsExactly("scenario", "config", "metrics");
            assertThat(report.get("scenario").asString()).isEqualTo("ingest");
            JsonNode config = report.get("config");
            assertThat(config.get("persons").asInt()).isEqualTo(50);
            assertThat(config.get("events").asLong()).isEqualTo(500);
            assertThat(config.get("run").asString()).isEqualTo("test1");

            JsonNode metrics = report.get("metrics");
            assertThat(names(metrics)).contains("name", "eventsPerSecond", "ackP50Ms", "ackP99Ms");
            assertThat(metrics.get("name").asString()).isEqualTo("POST /api/v1/events");
            assertThat(metrics.get("eventsPerSecond").asDouble()).isPositive();
            assertThat(metrics.get("ackP50Ms").asDouble()).isPositive()
                    .isLessThanOrEqualTo(metrics.get("ackP99Ms").asDouble());
            assertThat(metrics.get("events").asLong()).isEqualTo(500);
            assertThat(metrics.get("accepted").asLong()).isEqualTo(500);
            assertThat(metrics.get("batches").asLong()).isEqualTo(10);
            assertThat(metrics.get("errors").asLong()).isZero();
            assertThat(metrics.get("profilesChecked").asInt()).isPositive()
                    .isEqualTo(metrics.get("profilesMatched").asInt());
        }
        assertThat(err.toString()).contains("PostgreSQL COPY baseline is skipped");
        assertThat(out.toString()).containsPattern("profiles: (\\d+) checked, \\1 matched")
                .contains("POST /api/v1/events", "events/s", "no baseline measured");
    }

    @Test
    void retriesBatchesTheServerCouldNotStore() throws Exception {
        Path json = dir.resolve("ingest.json");
        try (var server = FakeEntente.withKey(KEY).unavailableEvery(3)) {
            int exitCode = run(server, "--json", json.toString());

            assertThat(exitCode).as(err.toString()).isZero();
            JsonNode metrics = JsonMapper.builder().build().readTree(json.toFile()).get("metrics");
            assertThat(metrics.get("retries").asLong()).isPositive();
            assertThat(metrics.get("errors").asLong()).isZero();
            assertThat(metrics.get("events").asLong()).isEqualTo(500);
        }
    }

    @Test
    void failsWhenProfilesDoNotShowEveryAcknowledgedEvent() throws Exception {
        try (var server = FakeEntente.withKey(KEY).losingEvery(7)) {
            int exitCode = run(server, "--settle", "0");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_FAILED);
        }
        assertThat(out.toString()).contains("FAILED:", "profiles did not match the events sent");
        assertThat(err.toString()).contains("mismatch: ", "expected");
    }

    @Test
    void aBatchLargerThanTheServerTakesIsAUsageError() throws Exception {
        try (var server = FakeEntente.withKey(KEY)) {
            int exitCode = execute("ingest", "--url", server.url().toString(), "--key", KEY, "--batch", "1001");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.eventRequests()).isZero();
            assertThat(err.toString()).contains("--batch must be 1 to 1000");
        }
    }

    private int run(FakeEntente server, String... more) {
        var args = new ArrayList<>(List.of("ingest", "--url", server.url().toString(), "--key", KEY,
                "--clients", "2", "--persons", "50", "--events", "500", "--batch", "50", "--seed", "3",
                "--run", "test1"));
        args.addAll(List.of(more));
        return execute(args.toArray(String[]::new));
    }

    private int execute(String... args) {
        return EntenteBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private static List<String> names(JsonNode node) {
        var names = new ArrayList<String>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
