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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.entente.bench.ClientOptions;
import org.entente.bench.CommonOptions;
import org.entente.bench.DurationConverter;
import org.entente.bench.http.ApiClient;
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
 *
 * <p>With {@code --compare-loyalty} the same run also measures what the loyalty module costs: the events go in
 * slices with the loyalty program paused and active in turn (see {@link LoyaltyComparison}), each condition is
 * reported on its own, and {@code eventsPerSecond} is the figure with loyalty.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {
                "Sends the events of a generated population (purchases, page views, identifies; some persons "
                        + "anonymous first, then signed in) to POST /api/v1/events in batches until all are "
                        + "acknowledged, then checks a sample of profiles: their event and order counts must equal "
                        + "what was sent.",
                "With --pg-url, first measures the raw baseline: COPY of the same rows into a bare PostgreSQL "
                        + "table.",
                "With --compare-loyalty, also measures what the loyalty module costs, in the same run."})
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

    @Option(names = "--compare-loyalty",
            description = "Sends the events in --rounds slices with the loyalty program paused and active in turn "
                    + "(off, on, on, off, ...) and reports events/s and ack latencies without and with loyalty. "
                    + "The key needs the admin scope besides ingest and read; the program's active flag found at "
                    + "the start is put back at the end.")
    private boolean compareLoyalty;

    @Option(names = "--rounds", defaultValue = "4", paramLabel = "N",
            description = "With --compare-loyalty, the slices of the events: a multiple of 4, so that both "
                    + "conditions get as many early slices as late ones while the database grows. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int rounds;

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
            Optional<LoyaltyComparison.Outcome> comparison;
            Sent sent;
            if (compareLoyalty) {
                var compared = compareLoyalty(api, sender, clientCount, err);
                comparison = Optional.of(compared);
                sent = compared.all();
            } else {
                comparison = Optional.empty();
                sent = new Sent(LoadRunner.runAll("POST " + BatchSender.EVENTS_PATH, clientCount,
                        sender.batches(), sender), sender.acknowledgedEvents());
            }

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
            if (compareLoyalty) {
                config = config.with("rounds", rounds);
            }
            var report = new ScenarioReport("ingest", config, measurement(sent, comparison, sender, outcome),
                    comparison.map(IngestScenario::breakdown).orElse(List.of()),
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
        if (!compareLoyalty) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--rounds")) {
                throw new ParameterException(spec.commandLine(), "--rounds only applies with --compare-loyalty");
            }
            return;
        }
        if (rounds < LoyaltyComparison.PATTERN || rounds % LoyaltyComparison.PATTERN != 0) {
            throw new ParameterException(spec.commandLine(),
                    "--rounds must be a positive multiple of 4 (loyalty off, on, on, off), not " + rounds);
        }
        long batches = BatchSender.batches(events, batch);
        if (rounds > batches) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--rounds %d needs at least %d batches, not %d: send more --events or use a smaller --batch",
                    rounds, rounds, batches));
        }
    }

    /**
     * Sends the plan in slices with loyalty paused and active in turn, then puts back the program's active flag as
     * it was found, whatever happened.
     */
    private LoyaltyComparison.Outcome compareLoyalty(ApiClient api, BatchSender sender, int clientCount,
                                                     PrintWriter err) throws InterruptedException {
        try (var loyalty = LoyaltySwitch.take(api, err)) {
            say(err, "the loyalty program is %s; it is paused and resumed before each of %d slices",
                    loyalty.found() ? "active" : "paused", rounds);
            return new LoyaltyComparison(sender, clientCount, rounds, err).run(loyalty);
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

    /**
     * The figures of the whole run. With a comparison, {@code eventsPerSecond} and the ack latencies are those with
     * loyalty, followed by the same without loyalty and the ratio of the two throughputs; the table shows them in the
     * breakdown.
     */
    private static Measurement measurement(Sent sent, Optional<LoyaltyComparison.Outcome> comparison,
                                           BatchSender sender, ProfileCheck.Outcome outcome) {
        var metrics = new ArrayList<Metric>();
        if (comparison.isPresent()) {
            var compared = comparison.get();
            throughputAndLatencies(compared.with(), "").forEach(metric -> metrics.add(metric.jsonOnly()));
            throughputAndLatencies(compared.without(), "WithoutLoyalty")
                    .forEach(metric -> metrics.add(metric.jsonOnly()));
            metrics.add(Metric.ratio("loyaltyRatio", "events/s with / without loyalty", compared.loyaltyRatio()));
        } else {
            metrics.addAll(throughputAndLatencies(sent, ""));
        }
        metrics.addAll(List.of(
                Metric.count("events", "events acknowledged", sent.events()),
                Metric.count("accepted", "accepted", sender.accepted()),
                Metric.count("duplicates", "duplicates", sender.duplicates()),
                Metric.count("rejected", "rejected", sender.rejected()),
                Metric.count("batches", "batches", sent.batches().requests()),
                Metric.count("errors", "failed batches", sent.batches().errors()),
                Metric.count("retries", "503 retries", sender.retries()),
                Metric.seconds("elapsedSeconds", "seconds", sent.seconds()),
                Metric.count("profilesChecked", "profiles checked", outcome.checked()),
                Metric.count("profilesMatched", "profiles matched", outcome.matched())));
        return new Measurement(sent.batches().name(), "eventsPerSecond", metrics);
    }

    /** Each condition of the comparison, to be read side by side: first without loyalty, then with it. */
    private static List<Measurement> breakdown(LoyaltyComparison.Outcome compared) {
        return Stream.of(compared.without(), compared.with()).map(sent -> {
            var metrics = new ArrayList<>(throughputAndLatencies(sent, ""));
            metrics.add(Metric.count("events", "events acknowledged", sent.events()));
            metrics.add(Metric.count("errors", "failed batches", sent.batches().errors()));
            metrics.add(Metric.seconds("elapsedSeconds", "seconds", sent.seconds()));
            return new Measurement(sent.batches().name(), "eventsPerSecond", metrics);
        }).toList();
    }

    /** Events per second and the percentiles of the acknowledgement times, their keys ending with {@code suffix}. */
    private static List<Metric> throughputAndLatencies(Sent sent, String suffix) {
        var latencies = sent.batches().latencies();
        return List.of(
                Metric.rate("eventsPerSecond" + suffix, "events/s", sent.eventsPerSecond()),
                Metric.millis("ackP50Ms" + suffix, "ack p50 ms", latencies.p50Ms()),
                Metric.millis("ackP90Ms" + suffix, "ack p90 ms", latencies.p90Ms()),
                Metric.millis("ackP99Ms" + suffix, "ack p99 ms", latencies.p99Ms()),
                Metric.millis("ackMaxMs" + suffix, "ack max ms", latencies.maxMs()));
    }

    // Progress goes to stderr so that stdout carries only the results.
    private static void say(PrintWriter err, String format, Object... arguments) {
        err.printf(Locale.ROOT, format + "%n", arguments);
        err.flush();
    }
}
