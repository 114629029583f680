package org.entente.bench.imports;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.entente.bench.ScenarioAbortedException;
import org.entente.bench.http.ApiClient;
import org.entente.bench.workload.Population;

/**
 * Puts the purchase histories of a population on the server through {@code POST /api/v1/imports?kind=transactions},
 * for the scenarios that measure what the server does for persons it knows: the persons at indexes 0 to
 * {@code persons - 1}, identified as {@link Population} identifies them, each buying at least once
 * ({@link TransactionsCsv#writeCustomers}). The same population, seed and count load the same persons, so that a
 * later run can measure them again without loading them.
 */
public final class PurchaseHistories {

    // The import of a million persons' histories takes a while; its progress is read every half second.
    private static final Duration IMPORT_POLL = Duration.ofMillis(500);
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(30);

    private PurchaseHistories() {
    }

    /**
     * Loads the purchase histories as {@link #load} does, unless {@code prepared}: then an earlier run with the same
     * seed and run tag loaded them, and this only says so on {@code progress}.
     */
    public static void loadUnlessPrepared(ApiClient api, Population population, long seed, long persons,
                                          boolean prepared, Instant until, PrintWriter progress)
            throws IOException, InterruptedException {
        if (prepared) {
            say(progress, "--prepared: the purchase histories of %d persons are expected on the server (seed %d, "
                    + "run %s)", persons, seed, population.run());
            progress.flush();
        } else {
            load(api, population, seed, persons, until, progress);
        }
    }

    /**
     * Writes the purchase histories of the first {@code persons} persons of the population to a temporary file,
     * imports it and deletes it, saying how it goes on {@code progress}; orders run up to {@code until}.
     *
     * @throws ScenarioAbortedException if the import does not take the whole file
     */
    public static void load(ApiClient api, Population population, long seed, long persons, Instant until,
                            PrintWriter progress) throws IOException, InterruptedException {
        var file = Files.createTempFile("entente-bench-histories-", ".csv");
        try {
            say(progress, "writing the purchase histories of %d persons to %s (seed %d, run %s)", persons, file, seed,
                    population.run());
            var summary = TransactionsCsv.writeCustomers(file, population, seed, persons, until);
            say(progress, "  %d orders, %d rows", summary.orders(), summary.rows());
            var outcome = new TransactionsImport(api, IMPORT_POLL, IMPORT_TIMEOUT, progress).run(file);
            var failures = outcome.failures(summary.rows());
            if (!failures.isEmpty()) {
                throw new ScenarioAbortedException("the purchase histories could not be loaded: "
                        + String.join("; ", failures));
            }
            say(progress, "  imported in %.1f s; to measure again on the same persons: --prepared --seed %d --run %s",
                    outcome.elapsed().toMillis() / 1000.0, seed, population.run());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void say(PrintWriter progress, String format, Object... arguments) {
        progress.printf(Locale.ROOT, format + "%n", arguments);
        progress.flush();
    }
}
