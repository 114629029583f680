package org.entente.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.entente.bench.load.LoadResult;

/**
 * The outcome of a scenario: what was measured beside the raw baseline measured in the same run, and what made the
 * run fail, if anything did.
 *
 * @param scenario  the scenario's command name, e.g. {@code ping}
 * @param config    how it was run
 * @param measured  the target the scenario is about
 * @param breakdown the same target under each condition the run compared, e.g. without and with loyalty, shown side
 *                  by side in the table only: {@code measured} carries the figures the JSON report records. Empty
 *                  when the run compared none.
 * @param baseline  the raw reference it is compared with; empty when it could not be measured in this run
 * @param failures  why the run failed, one sentence each; empty when it passed
 */
public record ScenarioReport(String scenario, RunConfig config, Measurement measured, List<Measurement> breakdown,
                             Optional<Measurement> baseline, List<String> failures) {

    /** The share of requests that may fail before a run counts as failed. */
    public static final double ERROR_BUDGET = 0.01;

    public ScenarioReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(measured, "measured");
        breakdown = List.copyOf(breakdown);
        Objects.requireNonNull(baseline, "baseline");
        failures = List.copyOf(failures);
    }

    /** The report of a run that compared no conditions. */
    public ScenarioReport(String scenario, RunConfig config, Measurement measured, Optional<Measurement> baseline,
                          List<String> failures) {
        this(scenario, config, measured, List.of(), baseline, failures);
    }

    /** Measured throughput over baseline throughput; empty without a baseline, 0 if the baseline did nothing. */
    public OptionalDouble ratio() {
        if (baseline.isEmpty()) {
            return OptionalDouble.empty();
        }
        double baselineRate = baseline.get().throughput();
        return OptionalDouble.of(baselineRate == 0 ? 0 : measured.throughput() / baselineRate);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** A failure if more than {@link #ERROR_BUDGET} of the requests of any of these measurements failed. */
    public static Optional<String> errorBudgetExceeded(LoadResult... results) {
        if (Stream.of(results).allMatch(result -> result.errorRate() <= ERROR_BUDGET)) {
            return Optional.empty();
        }
        return Optional.of(Stream.of(results)
                .map(result -> String.format(Locale.ROOT, "%s: %.2f%%", result.name(), result.errorRate() * 100))
                .collect(Collectors.joining(", ", String.format(Locale.ROOT,
                        "more than %.0f%% of the requests failed (", ERROR_BUDGET * 100), ")")));
    }
}
