package org.entente.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.entente.bench.load.LoadResult;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ScenarioReport} as JSON. The shape is a contract read by scripts and CI:
 * <pre>{@code
 * {"scenario": "ping",
 *  "config": {"url", "clients", "durationSeconds", "warmupSeconds", "startedAt"},
 *  "metrics":  {"name", "requestsPerSecond", "p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs", "requests", "errors"},
 *  "baseline": {the same names as metrics},
 *  "ratio": metrics.requestsPerSecond / baseline.requestsPerSecond}
 * }</pre>
 * Latencies are rounded to the microsecond, throughputs to a tenth, the ratio to a thousandth.
 */
final class JsonReport {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonReport() {
    }

    static void write(ScenarioReport report, Path file) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("scenario", report.scenario());
        var config = report.config();
        root.putObject("config")
                .put("url", config.url().toString())
                .put("clients", config.clients())
                .put("durationSeconds", config.duration().toMillis() / 1000.0)
                .put("warmupSeconds", config.warmup().toMillis() / 1000.0)
                .put("startedAt", config.startedAt().toString());
        writeMetrics(root.putObject("metrics"), report.measured());
        writeMetrics(root.putObject("baseline"), report.baseline());
        root.put("ratio", round(report.ratio(), 1000));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            MAPPER.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeMetrics(ObjectNode node, LoadResult result) {
        var latencies = result.latencies();
        node.put("name", result.name())
                .put("requestsPerSecond", round(result.requestsPerSecond(), 10))
                .put("p50Ms", round(latencies.p50Ms(), 1000))
                .put("p90Ms", round(latencies.p90Ms(), 1000))
                .put("p99Ms", round(latencies.p99Ms(), 1000))
                .put("p999Ms", round(latencies.p999Ms(), 1000))
                .put("maxMs", round(latencies.maxMs(), 1000))
                .put("requests", result.requests())
                .put("errors", result.errors());
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
