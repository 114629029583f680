package org.entente.bench.ingest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.entente.bench.ClientOptions;
import org.entente.bench.CommonOptions;
import org.entente.bench.DurationConverter;
import org.entente.bench.http.ApiClient;
import org.entente.bench.load.LoadResult;
import org.entente.bench.load.LoadRunner;
import org.entente.bench.ping.PingScenario;
import org.entente.bench.postgres.CopyBaseline;
import org.entente.bench.postgres.PostgresOptions;
import org.entente.bench.report.Measurement;
import org.entente.bench.report.Metric;
import org.entente.bench.report.Reports;
import org.entente.bench.report.ScenarioReport;
import org.entente.bench.workload.Population;
import org.entente.bench.workload.WorkloadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Sends a deterministic population's events to {@code POST /api/v1/events} in batches, with a closed-loop load,
 * until every event is acknowledged; then checks a sample of profiles against what was sent. The raw baseline is
 * PostgreSQL's COPY of the same event rows into a bare table, measured first in the same run; the ratio of events
 * per second to COPY rows per second is the share of the database's raw ingestion the server delivers.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {
                "Sends the events of a generated population (purchases, page views, identifies; some persons "
                        + "anonymous first, then signed in) to POST /api/v1/events in batches until all are "
                        + "acknowledged, then checks a sample of profiles: their event and order counts must equal "
                        + "what was sent.",
                "With --pg-url, first measures the raw baseline: COPY of the same rows into a bare PostgreSQL "
                        + "table."})
public final class IngestScenario implements Callable<Integer> {

    static final String BASELINE_TABLE = "bench_copy_baseline_events";

    private static final Duration RECHECK_INTERVAL = Duration.ofMillis(500);

    @Mixin
    private CommonOptions options;

    @Mixin
    private ClientOptions clients;

    @Mixin
    private WorkloadOptions workload;

    @Mixin
    private PostgresOptions postgres;

    @Option(names = "--persons", defaultValue = "100000", paramLabel = "N",
            description = "Persons in the population. Default: ${DEFAULT-VALUE}.")
    private int persons;

    @Option(names = "--events", defaultValue = "1000000", paramLabel = "N",
            description = "Events to send. Default: ${DEFAULT-VALUE}.")
    private long events;

    @Option(names = "--batch", defaultValue = "500", paramLabel = "N",
            description = "Events per request, 1 to " + BatchSender.MAX_BATCH + ". Default: ${DEFAULT-VALUE}.")
    private int batch;

    @Option(names = "--sample", defaultValue = "200", paramLabel = "N",
            description = "Profiles to check after the run; 0 checks none. Default: ${DEFAULT-VALUE}.")
    private int sample;

    @Option(names = "--settle", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "How long profiles may take to show every event once all are acknowledged, for servers "
                    + "that compute statistics after the acknowledgement. Default: ${DEFAULT-VALUE}.")
    private Duration settle;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var startedAt = Instant.now();
        validate();
        int clientCount = clients.clients();
        var population = workload.population(startedAt);
        var baseline = postgres.baseline();
        var key = options.requireKey();
        PrintWriter err = spec.commandLine().getErr();
        try (var api = new ApiClient(options.url(), key)) {
            api.requireSuccess(api.authorizedGet(PingScenario.PING_PATH));
            baseline.ifPresentOrElse(CopyBaseline::check, () -> say(err,
                    "no --pg-url: the PostgreSQL COPY baseline is skipped and the report will have no ratio"));

            say(err, "planning %d events for %d persons (seed %d, run %s)", events, persons, workload.seed(),
                    population.run());
            var plan = new EventPlan(workload.seed(), persons, events);
            var generator = new EventGenerator(plan, population, startedAt);
            var copy = baseline.map(database -> copyBaseline(database, generator, err));

            var sender = new BatchSender(api, generator, batch, err);
            say(err, "sending %d events in %d batches of up to %d with %d clients", events, sender.batches(),
                    batch, clientCount);
            var result = LoadRunner.runAll("POST " + BatchSender.EVENTS_PATH, clientCount, sender.batches(),
                    sender);

            var checked = plan.sample(sample);
            say(err, "checking %d profiles", checked.size());
            var outcome = new ProfileCheck(api, plan, population).check(checked, settle, RECHECK_INTERVAL);

            sender.problems().forEach(problem -> say(err, "problem: %s", problem));
            outcome.mismatches().stream().limit(10).forEach(mismatch -> say(err, "mismatch: %s", mismatch));
            spec.commandLine().getOut().printf(Locale.ROOT, "profiles: %d checked, %d matched%n",
                    outcome.checked(), outcome.matched());

            var failures = new ArrayList<>(sender.failures());
            if (outcome.matched() < outcome.checked()) {
                failures.add(String.format(Locale.ROOT, "%d of %d profiles did not match the events sent",
                        outcome.checked() - outcome.matched(), outcome.checked()));
            }
            var config = options.runConfig(startedAt)
                    .with("clients", clientCount)
                    .with("persons", persons)
                    .with("events", events)
                    .with("batch", batch)
                    .with("seed", workload.seed())
                    .with("run", population.run())
                    .with("sample", sample);
            var report = new ScenarioReport("ingest", config, measurement(result, sender, outcome),
                    copy.map(CopyBaseline.CopyResult::measurement), failures);
            return Reports.publish(report, spec.commandLine().getOut(), options.json());
        }
    }

    private void validate() {
        if (persons < 1) {
            throw new ParameterException(spec.commandLine(), "--persons must be at least 1, not " + persons);
        }
        if (events < 1) {
            throw new ParameterException(spec.commandLine(), "--events must be at least 1, not " + events);
        }
        if (batch < 1 || batch > BatchSender.MAX_BATCH) {
            throw new ParameterException(spec.commandLine(),
                    "--batch must be 1 to " + BatchSender.MAX_BATCH + ", not " + batch);
        }
        if (sample < 0) {
            throw new ParameterException(spec.commandLine(), "--sample must not be negative, not " + sample);
        }
        if (settle.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--settle must not be negative, not " + settle);
        }
    }

    /** Writes the events to a temporary CSV file, then times their COPY alone. */
    private static CopyBaseline.CopyResult copyBaseline(CopyBaseline database, EventGenerator generator,
                                                       PrintWriter err) {
        try {
            var csv = Files.createTempFile("entente-bench-events-", ".csv");
            try {
                say(err, "writing the baseline's rows to %s", csv);
                EventCsv.write(generator, csv);
                say(err, "measuring COPY into %s", BASELINE_TABLE);
                return database.copy(BASELINE_TABLE, EventCsv.COLUMNS, csv);
            } finally {
                Files.deleteIfExists(csv);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the baseline's rows", e);
        }
    }

    private static Measurement measurement(LoadResult result, BatchSender sender, ProfileCheck.Outcome outcome) {
        double seconds = result.elapsed().toNanos() / 1e9;
        double eventsPerSecond = seconds == 0 ? 0 : sender.acknowledgedEvents() / seconds;
        var latencies = result.latencies();
        return new Measurement(result.name(), "eventsPerSecond", List.of(
                Metric.rate("eventsPerSecond", "events/s", eventsPerSecond),
                Metric.millis("ackP50Ms", "ack p50 ms", latencies.p50Ms()),
                Metric.millis("ackP90Ms", "ack p90 ms", latencies.p90Ms()),
                Metric.millis("ackP99Ms", "ack p99 ms", latencies.p99Ms()),
                Metric.millis("ackMaxMs", "ack max ms", latencies.maxMs()),
                Metric.count("events", "events acknowledged", sender.acknowledgedEvents()),
                Metric.count("accepted", "accepted", sender.accepted()),
                Metric.count("duplicates", "duplicates", sender.duplicates()),
                Metric.count("rejected", "rejected", sender.rejected()),
                Metric.count("batches", "batches", result.requests()),
                Metric.count("errors", "failed batches", result.errors()),
                Metric.count("retries", "503 retries", sender.retries()),
                Metric.seconds("elapsedSeconds", "seconds", seconds),
                Metric.count("profilesChecked", "profiles checked", outcome.checked()),
                Metric.count("profilesMatched", "profiles matched", outcome.matched())));
    }

    // Progress goes to stderr so that stdout carries only the results.
    private static void say(PrintWriter err, String format, Object... arguments) {
        err.printf(Locale.ROOT, format + "%n", arguments);
        err.flush();
    }
}
