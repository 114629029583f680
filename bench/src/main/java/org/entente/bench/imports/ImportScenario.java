package org.entente.bench.imports;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.entente.bench.CommonOptions;
import org.entente.bench.DurationConverter;
import org.entente.bench.http.ApiClient;
import org.entente.bench.ping.PingScenario;
import org.entente.bench.postgres.CopyBaseline;
import org.entente.bench.postgres.PostgresOptions;
import org.entente.bench.report.Measurement;
import org.entente.bench.report.Metric;
import org.entente.bench.report.Reports;
import org.entente.bench.report.ScenarioReport;
import org.entente.bench.workload.WorkloadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Uploads a transactions CSV to {@code POST /api/v1/imports?kind=transactions}, streamed from the file, and polls
 * the import until it completes; its throughput is the file's rows over the time from the start of the upload to
 * the poll that saw the import finished. The raw baseline is PostgreSQL's COPY of the same file into a bare table,
 * measured first in the same run.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
                "Generates a transactions CSV (one row per line item) or takes --csv, uploads it to "
                        + "POST /api/v1/imports?kind=transactions and polls GET /api/v1/imports/{id} until the "
                        + "import completes or fails. Every row must be read and none rejected.",
                "With --pg-url, first measures the raw baseline: COPY of the same file into a bare PostgreSQL "
                        + "table."})
public final class ImportScenario implements Callable<Integer> {

    static final String BASELINE_TABLE = "bench_copy_baseline_transactions";

    @Mixin
    private CommonOptions options;

    @Mixin
    private WorkloadOptions workload;

    @Mixin
    private PostgresOptions postgres;

    @Option(names = "--rows", defaultValue = "1000000", paramLabel = "N",
            description = "Line items to generate. Default: ${DEFAULT-VALUE}.")
    private long rows;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Upload this transactions file instead of generating one (header row "
                    + "orderId,customerId,email,occurredAt,sku,name,brand,category,quantity,unitPrice,currency,"
                    + "store,channel).")
    private Path csv;

    @Option(names = "--poll", defaultValue = "500ms", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Time between two reads of the import's state. Default: ${DEFAULT-VALUE}.")
    private Duration poll;

    @Option(names = "--timeout", defaultValue = "30m", converter = DurationConverter.class, paramLabel = "TIME",
            description = "How long the import may take before the run fails. Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        var startedAt = Instant.now();
        validate();
        var baseline = postgres.baseline();
        var key = options.requireKey();
        PrintWriter err = spec.commandLine().getErr();
        try (var api = new ApiClient(options.url(), key)) {
            api.requireSuccess(api.authorizedGet(PingScenario.PING_PATH));
            baseline.ifPresentOrElse(CopyBaseline::check, () -> say(err,
                    "no --pg-url: the PostgreSQL COPY baseline is skipped and the report will have no ratio"));

            var config = options.runConfig(startedAt);
            Path file;
            long fileRows;
            if (csv != null) {
                file = csv;
                fileRows = TransactionsCsv.countRows(file);
                config = config.with("csv", file.toString()).with("rows", fileRows);
                say(err, "uploading %s: %d rows", file, fileRows);
            } else {
                var population = workload.population(startedAt);
                file = Files.createTempFile("entente-bench-transactions-", ".csv");
                say(err, "writing %d rows to %s (seed %d, run %s)", rows, file, workload.seed(), population.run());
                var summary = TransactionsCsv.write(file, population, workload.seed(), rows, startedAt);
                say(err, "  %d orders by %d customers", summary.orders(), summary.customers());
                fileRows = summary.rows();
                config = config.with("rows", fileRows).with("seed", workload.seed()).with("run", population.run());
            }
            try {
                var copy = baseline.map(database -> {
                    say(err, "measuring COPY into %s", BASELINE_TABLE);
                    return database.copy(BASELINE_TABLE, TransactionsCsv.COLUMNS, file);
                });
                var outcome = new TransactionsImport(api, poll, timeout, err).run(file);
                var report = new ScenarioReport("import", config, measurement(outcome, fileRows),
                        copy.map(CopyBaseline.CopyResult::measurement), outcome.failures(fileRows));
                return Reports.publish(report, spec.commandLine().getOut(), options.json());
            } finally {
                if (csv == null) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private void validate() {
        if (csv == null && rows < 1) {
            throw new ParameterException(spec.commandLine(), "--rows must be at least 1, not " + rows);
        }
        if (csv != null && !Files.isReadable(csv)) {
            throw new ParameterException(spec.commandLine(), "--csv " + csv + " is not a readable file");
        }
        if (poll.isZero() || poll.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--poll must be positive, not " + poll);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be positive, not " + timeout);
        }
    }

    private static Measurement measurement(TransactionsImport.Outcome outcome, long fileRows) {
        double seconds = outcome.elapsed().toNanos() / 1e9;
        var last = outcome.last();
        String name = "POST " + TransactionsImport.IMPORTS_PATH + "?kind=transactions";
        return new Measurement(name, "rowsPerSecond", List.of(
                Metric.rate("rowsPerSecond", "rows/s", seconds == 0 ? 0 : fileRows / seconds),
                Metric.rate("serverRowsPerSecond", "server rows/s", last.rowsPerSecond()),
                Metric.count("rows", "rows in file", fileRows),
                Metric.count("rowsRead", "rows read", last.rowsRead()),
                Metric.count("rowsAccepted", "rows accepted", last.rowsAccepted()),
                Metric.count("rowsRejected", "rows rejected", last.rowsRejected()),
                Metric.seconds("uploadSeconds", "upload seconds", outcome.uploaded().toNanos() / 1e9),
                Metric.seconds("elapsedSeconds", "seconds", seconds)));
    }

    // Progress goes to stderr so that stdout carries only the results.
    private static void say(PrintWriter err, String format, Object... arguments) {
        err.printf(Locale.ROOT, format + "%n", arguments);
        err.flush();
    }
}
