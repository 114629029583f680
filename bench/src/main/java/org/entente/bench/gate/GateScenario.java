package org.entente.bench.gate;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.entente.bench.CommonOptions;
import org.entente.bench.ScenarioAbortedException;
import org.entente.bench.TimingOptions;
import org.entente.bench.http.ApiClient;
import org.entente.bench.imports.PurchaseHistories;
import org.entente.bench.load.LoadResult;
import org.entente.bench.load.LoadRunner;
import org.entente.bench.load.LoadSettings;
import org.entente.bench.ping.PingScenario;
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
 * Measures the contact gate the way a campaign tool and a triggered sender use it, on a population the server knows.
 * The campaign asks {@code POST /api/v1/outreach/decisions:batch} once about every person, in batches sent by a few
 * concurrent senders, and is timed from its first request to its last answer: {@code decisionsPerSecond} is its
 * verdicts over that time. Then closed-loop clients ask {@code POST /api/v1/outreach/decisions} about one message each
 * for persons drawn at random, for a time: {@code singleP99Ms} is the 99th percentile of their time seen by the client
 * (the gate sends no {@code Server-Timing}). The raw baseline is {@code GET /api/v1/ping}, measured first in the same
 * run with the clients of the single decisions, and {@code ratio} compares single decisions per second with pings per
 * second. The design's targets are a million decisions in under 20 s (at least 50,000 per second) and a p99 of at most
 * 5 ms.
 *
 * <p>Every question is about a {@code service} message, which needs no consent, on {@code email} about {@code news},
 * with an idempotency key made from a campaign id unique to the run: a run never replays another's decisions, but each
 * allow it gets reserves a contact slot, so on a server with contact limits (the person's or the brand's) a run
 * measured again on the same persons meets deferrals that the first did not.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {
                "Measures the contact gate: a campaign through POST /api/v1/outreach/decisions:batch, then single "
                        + "decisions through POST /api/v1/outreach/decisions, beside GET /api/v1/ping measured in "
                        + "the same run.",
                "First loads the purchase histories of --persons persons through "
                        + "POST /api/v1/imports?kind=transactions (skipped with --prepared), so that the server "
                        + "knows them by their customer ids, asks the gate once about the first and the last of them "
                        + "(a marketing message: denied without consent, it reserves nothing) to check that it knows "
                        + "them, and measures GET /api/v1/ping with --single-clients clients.",
                "The campaign then asks about every person once (the first --campaign-limit persons if given), "
                        + "identified by identifiers.customerId, for a service message on email about news, with a "
                        + "campaign id unique to the run and the idempotency keys <campaign>-<index>, in batches of "
                        + "--batch sent by --clients concurrent senders. Last, --single-clients closed-loop clients "
                        + "ask about one message each, for a random person with a new idempotency key, for "
                        + "--duration after --warmup.",
                "Reports the campaign's decisions/s (its verdicts over its time, from the first request to the "
                        + "last answer), its batches' p50/p99/max, its verdicts (allow, defer, deny) and failed "
                        + "batches, and the single decisions' decisions/s and p50/p99/max as seen by the client. "
                        + "The JSON metrics have decisionsPerSecond and singleP99Ms; the baseline is pingPerSecond, "
                        + "and ratio = single decisions/s / pings/s. The run fails when more than 1%% of the batches "
                        + "(or of the pings or single decisions) fail, when the verdicts do not add up to the persons "
                        + "of the batches answered, or when an answer breaks the gate's contract.",
                "The key needs the outreach scope, and ingest and read unless --prepared."})
public final class GateScenario implements Callable<Integer> {

    @Mixin
    private CommonOptions options;

    @Mixin
    private TimingOptions timing;

    @Mixin
    private WorkloadOptions workload;

    @Option(names = "--persons", defaultValue = "1000000", paramLabel = "N",
            description = "Persons with a purchase history, whom the server knows: the campaign asks about each, "
                    + "the single decisions about random ones. Default: ${DEFAULT-VALUE}.")
    private long persons;

    @Option(names = "--prepared",
            description = "Do not load the purchase histories: an earlier run with the same --seed and --run loaded "
                    + "at least --persons persons. The run checks that the first and the last are known.")
    private boolean prepared;

    @Option(names = "--campaign-limit", paramLabel = "N",
            description = "Ask the campaign about the first N persons only, 1 to --persons. Default: all of them.")
    private Long campaignLimit;

    @Option(names = "--batch", defaultValue = "1000", paramLabel = "N",
            description = "Questions per campaign batch, 1 to " + CampaignSender.MAX_BATCH
                    + ". Default: ${DEFAULT-VALUE}.")
    private int batch;

    @Option(names = "--clients", defaultValue = "4", paramLabel = "N",
            description = "Concurrent campaign senders, each sending its next batch as soon as the last one is "
                    + "answered. Default: ${DEFAULT-VALUE}.")
    private int clients;

    @Option(names = "--single-clients", defaultValue = "16", paramLabel = "N",
            description = "Concurrent clients of the single decisions and of the ping baseline, each asking again "
                    + "as soon as it is answered. Default: ${DEFAULT-VALUE}.")
    private int singleClients;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        var startedAt = Instant.now();
        validate();
        var settings = timing.loadSettings(singleClients);
        var population = workload.population(startedAt);
        var key = options.requireKey();
        PrintWriter err = spec.commandLine().getErr();
        try (var api = new ApiClient(options.url(), key)) {
            api.requireSuccess(api.authorizedGet(PingScenario.PING_PATH));
            PurchaseHistories.loadUnlessPrepared(api, population, workload.seed(), persons, prepared, startedAt,
                    err);

            // Idempotency keys are the gate's own: they must be new even when the same population is measured again.
            String campaign = population.run() + "-gate-" + Long.toString(startedAt.toEpochMilli(),
                    Character.MAX_RADIX);
            var generator = new DecisionGenerator(population, workload.seed(), persons, campaignPersons(), batch,
                    campaign);
            probe(api, generator, population);
            var ping = PingScenario.measurePing(api, settings, err);
            var campaignRun = runCampaign(api, generator, err);
            var singles = measureSingles(api, generator, settings, err);

            campaignRun.tally().problems().forEach(problem -> say(err, "problem: %s", problem));
            singles.tally().problems().forEach(problem -> say(err, "problem: %s", problem));
            say(err, "campaign verdict reasons: %s", reasons(campaignRun.tally()));
            if (campaignRun.tally().unknownPersons() > 0) {
                say(err, "the gate did not know %d persons of the campaign: is the population on the server?",
                        campaignRun.tally().unknownPersons());
            }
            var config = options.runConfig(startedAt)
                    .with("clients", clients)
                    .with("batch", batch)
                    .with("singleClients", settings.clients())
                    .withSeconds("durationSeconds", settings.duration())
                    .withSeconds("warmupSeconds", settings.warmup())
                    .with("persons", persons)
                    .with("campaignPersons", generator.campaignPersons())
                    .with("population", prepared ? "prepared" : "imported")
                    .with("seed", workload.seed())
                    .with("run", population.run())
                    .with("campaign", campaign)
                    .with("channel", DecisionGenerator.CHANNEL)
                    .with("class", DecisionGenerator.CLASS)
                    .with("topic", DecisionGenerator.TOPIC);
            var report = new ScenarioReport("gate", config, headline(campaignRun, singles),
                    Optional.of(Measurement.of(ping, "pingPerSecond")), failures(ping, campaignRun, singles));
            return Reports.publish(report, spec.commandLine().getOut(), options.json());
        }
    }

    private void validate() {
        if (persons < 1) {
            throw new ParameterException(spec.commandLine(), "--persons must be at least 1, not " + persons);
        }
        if (campaignLimit != null && (campaignLimit < 1 || campaignLimit > persons)) {
            throw new ParameterException(spec.commandLine(),
                    "--campaign-limit must be 1 to --persons (" + persons + "), not " + campaignLimit);
        }
        if (batch < 1 || batch > CampaignSender.MAX_BATCH) {
            throw new ParameterException(spec.commandLine(),
                    "--batch must be 1 to " + CampaignSender.MAX_BATCH + ", not " + batch);
        }
        if (clients < 1) {
            throw new ParameterException(spec.commandLine(), "--clients must be at least 1, not " + clients);
        }
        if (singleClients < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--single-clients must be at least 1, not " + singleClients);
        }
        if (prepared && !spec.commandLine().getParseResult().hasMatchedOption("--run")) {
            throw new ParameterException(spec.commandLine(),
                    "--prepared needs the --run (and --seed) of the run that loaded the population");
        }
    }

    private long campaignPersons() {
        return campaignLimit == null ? persons : campaignLimit;
    }

    /**
     * One question about the first and the last person, so that a population that is not on the server or a key
     * without the outreach scope stop the run before any load.
     *
     * @throws ScenarioAbortedException if either is not answered 200 with a verdict, or the gate does not know them
     */
    private void probe(ApiClient api, DecisionGenerator generator, Population population)
            throws InterruptedException {
        for (long index : LongStream.of(0, persons - 1).distinct().toArray()) {
            var tally = new VerdictTally();
            var decision = generator.probe(index);
            SingleDecisions.Answer answer;
            try {
                answer = SingleDecisions.ask(api, decision, tally);
            } catch (IOException e) {
                throw new ScenarioAbortedException("cannot reach the server: the decision about "
                        + decision.customerId() + " failed with " + e, e);
            }
            if (answer.code() == 401 || answer.code() == 403) {
                throw new ScenarioAbortedException("the API key was rejected: the decision about "
                        + decision.customerId() + " answered HTTP " + answer.code()
                        + "; the key needs the outreach scope");
            }
            if (answer.decided().isEmpty() || tally.breaches() > 0) {
                throw new ScenarioAbortedException("the decision about person " + index + " of run "
                        + population.run() + " failed: " + String.join("; ", tally.problems()));
            }
            if (answer.decided().get().unknownPerson()) {
                String hint = prepared
                        ? "; with --prepared, pass the --seed and --run of the run that loaded at least --persons "
                                + "persons, or run without --prepared to load them"
                        : "";
                throw new ScenarioAbortedException("the gate does not know person " + index + " of run "
                        + population.run() + " (" + decision.customerId() + "): it answered "
                        + VerdictTally.UNKNOWN_PERSON + hint);
            }
        }
    }

    /** Every batch of the campaign once, by the campaign's senders. */
    private Campaign runCampaign(ApiClient api, DecisionGenerator generator, PrintWriter err)
            throws InterruptedException {
        say(err, "running the campaign %s: %d persons in %d batch%s of up to %d, %d sender%s", generator.campaign(),
                generator.campaignPersons(), generator.batches(), generator.batches() == 1 ? "" : "es", batch,
                clients, clients == 1 ? "" : "s");
        var tally = new VerdictTally();
        var sender = new CampaignSender(api, generator, tally, err);
        var batches = LoadRunner.runAll("POST " + CampaignSender.BATCH_PATH, clients, generator.batches(), sender);
        return new Campaign(batches, sender.asked(), tally);
    }

    private static Singles measureSingles(ApiClient api, DecisionGenerator generator, LoadSettings settings,
                                          PrintWriter err) throws InterruptedException {
        String name = "POST " + SingleDecisions.DECISIONS_PATH;
        say(err, "measuring %s: %d clients, %.1f s warm-up, %.1f s measured", name, settings.clients(),
                settings.warmup().toMillis() / 1000.0, settings.duration().toMillis() / 1000.0);
        var tally = new VerdictTally();
        var result = new LoadRunner(settings).run(name, new SingleDecisions(api, generator, tally));
        return new Singles(result, tally);
    }

    /**
     * The campaign as it went.
     *
     * @param batches the batches, as the load runner counted and timed them: one request each
     * @param asked   the questions of the batches answered 200
     * @param tally   their verdicts
     */
    private record Campaign(LoadResult batches, long asked, VerdictTally tally) {

        /** Verdicts per second of the campaign, from its first request to its last answer. */
        double decisionsPerSecond() {
            double seconds = batches.elapsed().toNanos() / 1e9;
            return seconds == 0 ? 0 : tally.verdicts() / seconds;
        }
    }

    /**
     * The single decisions as measured.
     *
     * @param decisions the questions, as the load runner counted and timed them
     * @param tally     the verdicts of the measured ones
     */
    private record Singles(LoadResult decisions, VerdictTally tally) {
    }

    /** The figures of the run: the campaign's, then the single decisions'. */
    private Measurement headline(Campaign campaign, Singles singles) {
        var batches = campaign.batches().latencies();
        var single = singles.decisions().latencies();
        String name = String.format(Locale.ROOT, "campaign of %d in batches of up to %d by %d sender%s, single "
                        + "decisions by %d client%s", campaignPersons(), batch, clients, clients == 1 ? "" : "s",
                singleClients, singleClients == 1 ? "" : "s");
        return new Measurement(name, "singlePerSecond", List.of(
                Metric.rate("decisionsPerSecond", "campaign decisions/s", campaign.decisionsPerSecond()),
                Metric.seconds("campaignSeconds", "campaign s", campaign.batches().elapsed().toNanos() / 1e9),
                Metric.millis("batchP50Ms", "batch p50 ms", batches.p50Ms()),
                Metric.millis("batchP99Ms", "batch p99 ms", batches.p99Ms()),
                Metric.millis("batchMaxMs", "batch max ms", batches.maxMs()),
                Metric.count("decisions", "campaign verdicts", campaign.tally().verdicts()),
                Metric.count("allowed", "  allow", campaign.tally().allowed()),
                Metric.count("deferred", "  defer", campaign.tally().deferred()),
                Metric.count("denied", "  deny", campaign.tally().denied()),
                Metric.count("unknownPersons", "  of which unknown_person", campaign.tally().unknownPersons()),
                Metric.count("batches", "batches", campaign.batches().requests()),
                Metric.count("failedBatches", "batches failed", campaign.batches().errors()),
                Metric.rate("singlePerSecond", "single decisions/s", singles.decisions().requestsPerSecond()),
                Metric.millis("singleP50Ms", "single p50 ms", single.p50Ms()),
                Metric.millis("singleP90Ms", null, single.p90Ms()),
                Metric.millis("singleP99Ms", "single p99 ms", single.p99Ms()),
                Metric.millis("singleP999Ms", null, single.p999Ms()),
                Metric.millis("singleMaxMs", "single max ms", single.maxMs()),
                Metric.count("singles", "single decisions", singles.decisions().requests()),
                Metric.count("singleErrors", "single errors", singles.decisions().errors()),
                Metric.count("singleAllowed", "  allow", singles.tally().allowed()),
                Metric.count("singleDeferred", "  defer", singles.tally().deferred()),
                Metric.count("singleDenied", "  deny", singles.tally().denied())));
    }

    private static List<String> failures(LoadResult ping, Campaign campaign, Singles singles) {
        var failures = new ArrayList<String>();
        ScenarioReport.errorBudgetExceeded(ping, campaign.batches(), singles.decisions()).ifPresent(failures::add);
        long verdicts = campaign.tally().verdicts();
        if (verdicts != campaign.asked()) {
            failures.add(String.format(Locale.ROOT, "the campaign's verdicts (%d) do not add up to the %d persons of "
                    + "the batches answered 200 (see the problems above)", verdicts, campaign.asked()));
        }
        long breaches = campaign.tally().breaches() + singles.tally().breaches();
        if (breaches > 0) {
            failures.add(String.format(Locale.ROOT,
                    "%d gate answers broke the contract (see the problems above)", breaches));
        }
        return failures;
    }

    private static String reasons(VerdictTally tally) {
        var reasons = tally.reasons();
        return reasons.isEmpty() ? "none" : reasons.entrySet().stream()
                .map(reason -> reason.getKey() + " " + reason.getValue()).collect(Collectors.joining(", "));
    }

    // Progress goes to stderr so that stdout carries only the results.
    private static void say(PrintWriter err, String format, Object... arguments) {
        err.printf(Locale.ROOT, format + "%n", arguments);
        err.flush();
    }
}
