package org.entente.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ScenarioReport} as JSON. The shape is a contract read by scripts and CI:
 * <pre>{@code
 * {"scenario": "ping",
 *  "config": {"url", the scenario's parameters (ping: "clients", "durationSeconds", "warmupSeconds"), "startedAt"},
 *  "metrics":  {"name", then the measured figures (ping: "requestsPerSecond", "p50Ms", "p90Ms", "p99Ms",
 *               "p999Ms", "maxMs", "requests", "errors")},
 *  "baseline": {"name", then the baseline's figures (ping: the same names as metrics)},
 *  "ratio": the throughput figure of metrics / the throughput figure of baseline}
 * }</pre>
 * {@code baseline} and {@code ratio} are left out when no baseline was measured. A report's breakdown is not
 * written: {@code metrics} carries the figures to record. Whether the run passed is told by the exit code, not by the
 * file. Counts are integers; latencies are rounded to the microsecond, throughputs to a tenth, ratios to a
 * thousandth.
 */
final class JsonReport {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonReport() {
    }

    static void write(ScenarioReport report, Path file) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("scenario", report.scenario());
        writeConfig(root.putObject("config"), report.config());
        writeMetrics(root.putObject("metrics"), report.measured());
        report.baseline().ifPresent(baseline -> writeMetrics(root.putObject("baseline"), baseline));
        report.ratio().ifPresent(ratio -> root.put("ratio", Math.round(ratio * 1000) / 1000.0));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            MAPPER.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeConfig(ObjectNode node, RunConfig config) {
        node.put("url", config.url().toString());
        config.parameters().forEach((name, value) -> {
            switch (value) {
                case String text -> node.put(name, text);
                case Integer number -> node.put(name, number);
                case Long number -> node.put(name, number);
                case Double number -> node.put(name, number);
                default -> throw new IllegalStateException("unsupported value for " + name + ": " + value);
            }
        });
        node.put("startedAt", config.startedAt().toString());
    }

    private static void writeMetrics(ObjectNode node, Measurement measurement) {
        node.put("name", measurement.name());
        for (var metric : measurement.metrics()) {
            if (!metric.inJson()) {
                continue;
            }
            if (metric.decimals() == 0) {
                node.put(metric.key(), Math.round(metric.value()));
            } else {
                node.put(metric.key(), metric.rounded());
            }
        }
    }
}
