package org.entente.bench.report;

import java.util.Objects;
import org.entente.bench.load.LoadResult;

/**
 * The outcome of a scenario: what was measured beside the raw baseline measured in the same run.
 *
 * @param scenario the scenario's command name, e.g. {@code ping}
 * @param config   how it was run
 * @param measured the target the scenario is about
 * @param baseline the raw reference it is compared with
 */
public record ScenarioReport(String scenario, RunConfig config, LoadResult measured, LoadResult baseline) {

    /** The share of requests that may fail before a run counts as failed. */
    public static final double ERROR_BUDGET = 0.01;

    public ScenarioReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(baseline, "baseline");
    }

    /** Measured throughput over baseline throughput; 0 if the baseline served nothing. */
    public double ratio() {
        double baselineRate = baseline.requestsPerSecond();
        return baselineRate == 0 ? 0 : measured.requestsPerSecond() / baselineRate;
    }

    /** Whether both measurements stayed within {@link #ERROR_BUDGET}. */
    public boolean withinErrorBudget() {
        return measured.errorRate() <= ERROR_BUDGET && baseline.errorRate() <= ERROR_BUDGET;
    }
}
