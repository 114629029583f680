package org.entente.bench.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.entente.bench.load.LoadResult;

/** Prints measurements as a fixed-width table, one row per target. */
final class ResultTable {

    private static final String ROW = "%-32s %10s %11s %9s %9s %9s %9s %8s %8s%n";

    private ResultTable() {
    }

    static void print(PrintWriter out, List<LoadResult> results) {
        out.printf(Locale.ROOT, ROW,
                "target", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "non-2xx", "I/O err");
        for (var result : results) {
            var latencies = result.latencies();
            out.printf(Locale.ROOT, ROW, result.name(), result.requests(),
                    "%.1f".formatted(result.requestsPerSecond()), millis(latencies.p50Ms()),
                    millis(latencies.p90Ms()), millis(latencies.p99Ms()), millis(latencies.maxMs()),
                    result.httpErrors(), result.ioErrors());
        }
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
