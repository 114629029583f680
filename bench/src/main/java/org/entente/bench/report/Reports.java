package org.entente.bench.report;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import org.entente.bench.EntenteBench;

/** The last step of every scenario: show the figures, record them, and turn them into an exit code. */
public final class Reports {

    private Reports() {
    }

    /**
     * Prints the baseline, the breakdown, the measurement and the throughput ratio to {@code out}, writes the JSON
     * file if one is asked for, and returns {@link EntenteBench#EXIT_OK} or, if the report has failures, prints them
     * and returns {@link EntenteBench#EXIT_FAILED}.
     */
    public static int publish(ScenarioReport report, PrintWriter out, Optional<Path> json) {
        var measurements = new ArrayList<Measurement>();
        report.baseline().ifPresent(measurements::add);
        measurements.addAll(report.breakdown());
        measurements.add(report.measured());
        ResultTable.print(out, measurements);
        var ratio = report.ratio();
        if (ratio.isPresent()) {
            out.printf(Locale.ROOT, "%nthroughput ratio %s / baseline: %.3f%n", report.scenario(),
                    ratio.getAsDouble());
        } else {
            out.printf(Locale.ROOT, "%nno baseline measured in this run: no throughput ratio%n");
        }
        json.ifPresent(file -> {
            JsonReport.write(report, file);
            out.println("JSON written to " + file);
        });
        report.failures().forEach(failure -> out.println("FAILED: " + failure));
        out.flush();
        return report.passed() ? EntenteBench.EXIT_OK : EntenteBench.EXIT_FAILED;
    }
}
