package org.entente.bench.report;

import java.util.List;
import java.util.Objects;
import org.entente.bench.load.LoadResult;

/**
 * What was measured on one target, as a report shows it: a name and its figures in report order, one of which is
 * the throughput compared with the baseline's.
 *
 * @param name          what was measured, e.g. {@code POST /api/v1/events}
 * @param throughputKey the key of the metric compared with the other side's throughput, e.g.
 *                      {@code eventsPerSecond}
 * @param metrics       the figures, in the order the table and the JSON report show them
 */
public record Measurement(String name, String throughputKey, List<Metric> metrics) {

    public Measurement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(throughputKey, "throughputKey");
        metrics = List.copyOf(metrics);
        if (metrics.stream().noneMatch(metric -> throughputKey.equals(metric.key()))) {
            throw new IllegalArgumentException("no metric " + throughputKey + " in " + name);
        }
    }

    /**
     * The figures of a closed-loop load: requests per second, latency percentiles, requests and errors (and, in
     * the table only, errors split into non-2xx answers and I/O errors).
     */
    public static Measurement of(LoadResult result) {
        return of(result, "requestsPerSecond");
    }

    /**
     * The same figures with the requests per second under {@code throughputKey}, for a report that names its
     * throughput after what it counts, e.g. {@code pingPerSecond} for the ping baseline of the checkout scenario.
     */
    public static Measurement of(LoadResult result, String throughputKey) {
        var latencies = result.latencies();
        // The table has always shown the request count first, the JSON report after the latencies.
        return new Measurement(result.name(), throughputKey, List.of(
                Metric.count("requests", "requests", result.requests()).tableOnly(),
                Metric.rate(throughputKey, "req/s", result.requestsPerSecond()),
                Metric.millis("p50Ms", "p50 ms", latencies.p50Ms()),
                Metric.millis("p90Ms", "p90 ms", latencies.p90Ms()),
                Metric.millis("p99Ms", "p99 ms", latencies.p99Ms()),
                Metric.millis("p999Ms", null, latencies.p999Ms()),
                Metric.millis("maxMs", "max ms", latencies.maxMs()),
                Metric.count("requests", "requests", result.requests()).jsonOnly(),
                Metric.count("errors", null, result.errors()),
                Metric.count(null, "non-2xx", result.httpErrors()),
                Metric.count(null, "I/O err", result.ioErrors())));
    }

    /** The value of the throughput metric. */
    public double throughput() {
        return metrics.stream().filter(metric -> throughputKey.equals(metric.key())).findFirst().orElseThrow()
                .value();
    }
}
