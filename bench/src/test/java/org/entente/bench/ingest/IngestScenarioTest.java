package org.entente.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
            assertThat(names(metrics)).doesNotContain("eventsPerSecondWithoutLoyalty", "loyaltyRatio");
            assertThat(server.programRequests()).isZero();
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

    @Test
    void comparesLoyaltyOffAndOnInAbbaSlicesAndSetsTheProgramBack() throws Exception {
        Path json = dir.resolve("ingest.json");
        try (var server = FakeEntente.withKey(KEY).loyaltyCosting(30)) {
            var program = server.program();

            int exitCode = run(server, "--compare-loyalty", "--json", json.toString());

            assertThat(exitCode).as(err.toString()).isZero();
            // 10 batches of 50 events in 4 slices: batches 0-1, 2-4, 5-6, 7-9; then the flag found is put back.
            assertThat(server.programSaves()).containsExactly(save(false, 0), save(true, 100), save(true, 250),
                    save(false, 350), save(true, 500));
            assertThat(server.program().get("active").asBoolean()).isTrue();
            assertThat(server.program().get("tiers")).isEqualTo(program.get("tiers"));

            JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
            assertThat(report.get("config").get("rounds").asInt()).isEqualTo(4);
            JsonNode metrics = report.get("metrics");
            assertThat(names(metrics)).containsSubsequence("eventsPerSecond", "ackP50Ms", "ackMaxMs",
                    "eventsPerSecondWithoutLoyalty", "ackP50MsWithoutLoyalty", "ackMaxMsWithoutLoyalty",
                    "loyaltyRatio", "events", "elapsedSeconds", "profilesMatched");
            double with = metrics.get("eventsPerSecond").asDouble();
            double without = metrics.get("eventsPerSecondWithoutLoyalty").asDouble();
            // The fake takes 30 ms more per batch while loyalty is active: the figures with loyalty show it.
            assertThat(with).isPositive().isLessThan(without);
            assertThat(metrics.get("loyaltyRatio").asDouble()).isCloseTo(with / without, within(0.002));
            assertThat(metrics.get("ackP50Ms").asDouble()).isGreaterThanOrEqualTo(30);
            assertThat(metrics.get("ackP50MsWithoutLoyalty").asDouble())
                    .isLessThan(metrics.get("ackP50Ms").asDouble());
            assertThat(metrics.get("events").asLong()).isEqualTo(500);
            assertThat(metrics.get("batches").asLong()).isEqualTo(10);
            assertThat(metrics.get("profilesChecked").asInt()).isPositive()
                    .isEqualTo(metrics.get("profilesMatched").asInt());
        }
        assertThat(out.toString()).contains("POST /api/v1/events without loyalty",
                "POST /api/v1/events with loyalty", "events/s with / without loyalty");
        assertThat(err.toString()).contains("slice 1 of 4, loyalty off: batches 0 to 1",
                "slice 4 of 4, loyalty off: batches 7 to 9", "the loyalty program is active again");
    }

    @Test
    void putsBackAPausedProgramPaused() throws Exception {
        try (var server = FakeEntente.withKey(KEY).loyaltyPaused()) {
            int exitCode = run(server, "--compare-loyalty", "--rounds", "8");

            assertThat(exitCode).as(err.toString()).isZero();
            assertThat(server.programSaves()).extracting(FakeEntente.ProgramSave::active)
                    .containsExactly(false, true, true, false, false, true, true, false, false);
            assertThat(server.program().get("active").asBoolean()).isFalse();
        }
    }

    @Test
    void putsTheProgramBackWhenTheRunStopsHalfway() throws Exception {
        try (var server = FakeEntente.withKey(KEY).conflictingAtSave(2)) {
            int exitCode = run(server, "--compare-loyalty");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_FAILED);
            // The first slice went with loyalty paused, the second could not start: the third save puts it back.
            assertThat(server.acceptedEvents()).isEqualTo(100);
            assertThat(server.programSaves()).containsExactly(save(false, 0), save(true, 100));
            assertThat(server.program().get("active").asBoolean()).isTrue();
        }
        assertThat(err.toString()).contains("answered HTTP 409", "stale_program",
                "the loyalty program is active again");
    }

    @Test
    void aKeyThatMayNotSaveTheProgramStopsTheRunBeforeAnyLoad() throws Exception {
        try (var server = FakeEntente.withKey(KEY).withoutAdminScope()) {
            int exitCode = run(server, "--compare-loyalty");

            assertThat(exitCode).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(server.eventRequests()).isZero();
            assertThat(server.programSaves()).isEmpty();
        }
        assertThat(err.toString()).contains("needs a key with the ingest, read and admin scopes",
                "answered HTTP 403");
    }

    @Test
    void roundsMustSplitTheBatchesInWholeAbbaPatterns() throws Exception {
        try (var server = FakeEntente.withKey(KEY)) {
            assertThat(run(server, "--compare-loyalty", "--rounds", "6")).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(run(server, "--compare-loyalty", "--rounds", "12")).isEqualTo(EntenteBench.EXIT_ABORTED);
            assertThat(run(server, "--rounds", "8")).isEqualTo(EntenteBench.EXIT_ABORTED);

            assertThat(server.eventRequests()).isZero();
            assertThat(server.programRequests()).isZero();
        }
        assertThat(err.toString()).contains("--rounds must be a positive multiple of 4",
                "--rounds 12 needs at least 12 batches, not 10", "--rounds only applies with --compare-loyalty");
    }

    private static FakeEntente.ProgramSave save(boolean active, long eventsBefore) {
        return new FakeEntente.ProgramSave(active, eventsBefore);
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
