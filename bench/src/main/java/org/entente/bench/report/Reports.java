package org.entente.bench.report;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.entente.bench.EntenteBench;

/** The last step of every scenario: show the figures, record them, and turn them into an exit code. */
public final class Reports {

    private Reports() {
    }

    /**
     * Prints the table and the throughput ratio to {@code out}, writes the JSON file if one is asked for, and
     * returns {@link EntenteBench#EXIT_OK} or, past the error budget, {@link EntenteBench#EXIT_TOO_MANY_ERRORS}.
     */
    public static int publish(ScenarioReport report, PrintWriter out, Optional<Path> json) {
        ResultTable.print(out, List.of(report.baseline(), report.measured()));
        out.printf(Locale.ROOT, "%nthroughput ratio %s / baseline: %.3f%n", report.scenario(), report.ratio());
        json.ifPresent(file -> {
            JsonReport.write(report, file);
            out.println("JSON written to " + file);
        });
        int exitCode = EntenteBench.EXIT_OK;
        if (!report.withinErrorBudget()) {
            out.printf(Locale.ROOT, "FAILED: more than %.0f%% of the requests failed (%s: %.2f%%, %s: %.2f%%)%n",
                    ScenarioReport.ERROR_BUDGET * 100, report.baseline().name(), report.baseline().errorRate() * 100,
                    report.measured().name(), report.measured().errorRate() * 100);
            exitCode = EntenteBench.EXIT_TOO_MANY_ERRORS;
        }
        out.flush();
        return exitCode;
    }
}
