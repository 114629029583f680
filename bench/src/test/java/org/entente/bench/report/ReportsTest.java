package org.entente.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.entente.bench.EntenteBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ReportsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    private final Measurement ingest = new Measurement("POST /api/v1/events", "eventsPerSecond", List.of(
            Metric.rate("eventsPerSecond", "events/s", 12_345.67),
            Metric.millis("ackP99Ms", "ack p99 ms", 41.5),
            Metric.count("events", "events acknowledged", 1_000_000)));
    private final Measurement copy = new Measurement("COPY bench_copy_baseline_events", "copyRowsPerSecond",
            List.of(Metric.rate("copyRowsPerSecond", "rows/s", 200_000), Metric.count("rows", "rows", 1_000_000)));
    private final RunConfig config = RunConfig.of(URI.create("http://localhost:8080"),
            Instant.parse("2026-03-01T12:00:00Z")).with("events", 1_000_000L).with("seed", 1L);

    @Test
    void comparesTheThroughputFiguresOfMeasurementsWithDifferentFigures() throws Exception {
        Path json = dir.resolve("report.json");
        var report = new ScenarioReport("ingest", config, ingest, Optional.of(copy), List.of());

        int exitCode = Reports.publish(report, new PrintWriter(out), Optional.of(json));

        assertThat(exitCode).isEqualTo(EntenteBench.EXIT_OK);
        var written = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(written.get("ratio").asDouble()).isEqualTo(0.062);
        assertThat(written.get("metrics").get("events").isIntegralNumber()).isTrue();
        assertThat(written.get("metrics").get("eventsPerSecond").asDouble()).isEqualTo(12_345.7);
        assertThat(written.get("baseline").get("copyRowsPerSecond").asDouble()).isEqualTo(200_000);
        assertThat(written.get("config").get("seed").asLong()).isEqualTo(1);
        // Each measurement lists its own figures, one per line.
        assertThat(out.toString()).contains("COPY bench_copy_baseline_events", "  rows/s  200000.0",
                "events acknowledged  1000000", "throughput ratio ingest / baseline: 0.062");
    }

    @Test
    void showsTheBreakdownSideBySideButRecordsOnlyTheMeasuredFigures() throws Exception {
        Path json = dir.resolve("report.json");
        var without = new Measurement("POST /api/v1/events without loyalty", "eventsPerSecond", List.of(
                Metric.rate("eventsPerSecond", "events/s", 14_000), Metric.millis("ackP99Ms", "ack p99 ms", 30)));
        var with = new Measurement("POST /api/v1/events with loyalty", "eventsPerSecond", List.of(
                Metric.rate("eventsPerSecond", "events/s", 12_345.67), Metric.millis("ackP99Ms", "ack p99 ms", 41.5)));
        var report = new ScenarioReport("ingest", config, ingest, List.of(without, with), Optional.empty(),
                List.of());

        Reports.publish(report, new PrintWriter(out), Optional.of(json));

        var written = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(written.get("metrics").get("name").asString()).isEqualTo("POST /api/v1/events");
        assertThat(written.propertyNames()).containsExactly("scenario", "config", "metrics");
        assertThat(out.toString()).containsSubsequence(
                "target                              events/s ack p99 ms",
                "POST /api/v1/events without loyalty  14000.0     30.000",
                "POST /api/v1/events with loyalty     12345.7     41.500",
                "POST /api/v1/events",
                "  events/s             12345.7");
    }

    @Test
    void failuresArePrintedAndFailTheRun() {
        var report = new ScenarioReport("ingest", config, ingest, Optional.empty(),
                List.of("3 of 200 profiles did not match the events sent"));

        int exitCode = Reports.publish(report, new PrintWriter(out), Optional.empty());

        assertThat(exitCode).isEqualTo(EntenteBench.EXIT_FAILED);
        assertThat(out.toString()).contains("no baseline measured",
                "FAILED: 3 of 200 profiles did not match the events sent");
    }
}
