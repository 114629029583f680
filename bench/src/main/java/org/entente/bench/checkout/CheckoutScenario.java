package org.entente.bench.checkout;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
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
 * Measures the checkout quote at the till, {@code POST /api/v1/checkout/quotes} followed by its confirmation for a
 * share of the quotes ({@code --confirm-share}, all by default), against a population whose purchase histories are on
 * the server, with one contextual offer in force. A quote not confirmed is abandoned, as by a customer who walks away,
 * unless it holds points: then it is cancelled ({@code POST /api/v1/checkout/quotes/{id}/cancel}) so that its points
 * are not held until it expires. Which quotes are confirmed is drawn from the seed, like the quotes themselves. The
 * load comes in steps of more and more closed-loop clients; each step reports quotes per second, the quote's time
 * seen by the client and its time inside the server (the {@code Server-Timing: app;dur} the server sends), and the
 * confirmation's time inside the server. The raw baseline is {@code GET /api/v1/ping}, measured first in the same run
 * with the clients of the last step.
 *
 * <p>The headline figures are those of the last step, the one with the most clients: {@code quotesPerSecond} and
 * {@code p99Ms}, the 99th percentile of the quote's server time; the design's targets are at most 5 ms and at least
 * half the ping's throughput. Each client confirms or cancels a quote before asking for the next, so with every quote
 * confirmed a quote per second costs the server two requests where a ping per second costs one, and with fewer
 * confirmed between one and two: the ratio is that of checkouts to pings, not of requests.
 */
@Command(name = "checkout", mixinStandardHelpOptions = true,
        description = {
                "Measures checkout quotes and their confirmations in steps of more and more clients, for a "
                        + "population with purchase histories and an offer in force, beside GET /api/v1/ping "
                        + "measured in the same run.",
                "First loads the purchase histories of --persons persons through "
                        + "POST /api/v1/imports?kind=transactions (skipped with --prepared), puts an nth_purchase "
                        + "offer on a catalog brand in force through POST /api/v1/offers and measures "
                        + "GET /api/v1/ping with the clients of the last step. Then, in each step, every client asks "
                        + "for a quote (POST /api/v1/checkout/quotes) for a random person with a basket of 1 to 4 "
                        + "products and confirms it (POST /api/v1/checkout/quotes/{id}/confirm) with a new order "
                        + "id, again and again. With --confirm-share below 1, the quotes not confirmed are abandoned, "
                        + "or cancelled (POST /api/v1/checkout/quotes/{id}/cancel) if they hold points. The offer is "
                        + "deleted at the end.",
                "Per step, in a row named 'quote+confirm' or, with --confirm-share below 1, after the share "
                        + "confirmed: quotes/s, the quote's client-side p50/p99/max, its server-side p50/p99/max "
                        + "(server columns: the 'Server-Timing: app;dur' of the answers) and the confirmation's "
                        + "server-side p99. The JSON metrics are the last step's, with the quotes confirmed and "
                        + "cancelled; p99Ms is the quote's server-side p99.",
                "The key needs the checkout and admin scopes, and ingest and read unless --prepared."})
public final class CheckoutScenario implements Callable<Integer> {

    @Mixin
    private CommonOptions options;

    @Mixin
    private TimingOptions timing;

    @Mixin
    private WorkloadOptions workload;

    @Option(names = "--steps", split = ",", defaultValue = "1,4,16", paramLabel = "N",
            description = "Concurrent clients of each step, increasing; the last step gives the headline figures "
                    + "and the clients of the ping baseline. Default: ${DEFAULT-VALUE}.")
    private List<Integer> steps;

    @Option(names = "--persons", defaultValue = "1000000", paramLabel = "N",
            description = "Persons with a purchase history; each known quote is for one of them. "
                    + "Default: ${DEFAULT-VALUE}.")
    private long persons;

    @Option(names = "--prepared",
            description = "Do not load the purchase histories: an earlier run with the same --seed and --run loaded "
                    + "at least --persons persons. The run checks that the first and the last are recognised.")
    private boolean prepared;

    @Option(names = "--unknown-share", defaultValue = "0.05", paramLabel = "SHARE",
            description = "Share of the quotes for customers the server has never seen, 0 to 1. "
                    + "Default: ${DEFAULT-VALUE}.")
    private double unknownShare;

    @Option(names = "--redeem-share", defaultValue = "0.1", paramLabel = "SHARE",
            description = "Share of the quotes for known persons that ask to redeem " + QuoteGenerator.REDEEMED_POINTS
                    + " points, 0 to 1. Default: ${DEFAULT-VALUE}.")
    private double redeemShare;

    @Option(names = "--confirm-share", defaultValue = "1.0", paramLabel = "SHARE",
            description = "Share of the quotes that are confirmed, 0 to 1; the others are abandoned, or cancelled "
                    + "(POST /api/v1/checkout/quotes/{id}/cancel) if they hold points, so that their points are not "
                    + "held until they expire. Default: ${DEFAULT-VALUE}.")
    private double confirmShare;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        var startedAt = Instant.now();
        validate();
        var settings = steps.stream().map(timing::loadSettings).toList();
        var population = workload.population(startedAt);
        var key = options.requireKey();
        PrintWriter err = spec.commandLine().getErr();
        try (var api = new ApiClient(options.url(), key)) {
            api.requireSuccess(api.authorizedGet(PingScenario.PING_PATH));
            PurchaseHistories.loadUnlessPrepared(api, population, workload.seed(), persons, prepared, startedAt,
                    err);

            // Orders and unknown customers must be new even when the same population is measured again.
            var generator = new QuoteGenerator(population, workload.seed(), persons, unknownShare, redeemShare,
                    confirmShare, Long.toString(startedAt.toEpochMilli(), Character.MAX_RADIX));
            String brand = NthPurchaseOffer.brandOf(population.catalog());
            say(err, "creating an offer: every %dth %s product free, paid with points", NthPurchaseOffer.EVERY,
                    brand);
            var offer = NthPurchaseOffer.create(api, brand,
                    population.catalog().getFirst().currency().getCurrencyCode(), population.run(), startedAt);
            LoadResult ping;
            List<Step> measured;
            Optional<String> leftOver;
            try {
                probe(api, generator, population);
                ping = PingScenario.measurePing(api, settings.getLast(), err);
                measured = measureSteps(api, generator, settings, err);
            } finally {
                leftOver = offer.delete();
                leftOver.ifPresentOrElse(problem -> say(err, "problem: %s", problem),
                        () -> say(err, "the offer %s is deleted", offer.id()));
            }

            measured.stream().flatMap(step -> step.tally().problems().stream()).limit(10)
                    .forEach(problem -> say(err, "problem: %s", problem));
            var config = TimingOptions.describe(options.runConfig(startedAt), settings.getLast())
                    .with("steps", steps.stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .with("persons", persons)
                    .with("population", prepared ? "prepared" : "imported")
                    .with("seed", workload.seed())
                    .with("run", population.run())
                    .with("unknownShare", unknownShare)
                    .with("redeemShare", redeemShare)
                    .with("redeemPoints", QuoteGenerator.REDEEMED_POINTS)
                    .with("confirmShare", confirmShare)
                    .with("offerBrand", brand);
            var report = new ScenarioReport("checkout", config, headline(measured),
                    measured.stream().map(Step::measurement).toList(),
                    Optional.of(Measurement.of(ping, "pingPerSecond")), failures(ping, measured, leftOver));
            return Reports.publish(report, spec.commandLine().getOut(), options.json());
        }
    }

    private void validate() {
        if (steps.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--steps needs at least one number of clients");
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) < 1 || i > 0 && steps.get(i) <= steps.get(i - 1)) {
                throw new ParameterException(spec.commandLine(),
                        "--steps must be increasing numbers of clients, at least 1, not " + steps);
            }
        }
        if (persons < 1) {
            throw new ParameterException(spec.commandLine(), "--persons must be at least 1, not " + persons);
        }
        if (!(unknownShare >= 0 && unknownShare <= 1)) {
            throw new ParameterException(spec.commandLine(), "--unknown-share must be 0 to 1, not " + unknownShare);
        }
        if (!(redeemShare >= 0 && redeemShare <= 1)) {
            throw new ParameterException(spec.commandLine(), "--redeem-share must be 0 to 1, not " + redeemShare);
        }
        if (!(confirmShare >= 0 && confirmShare <= 1)) {
            throw new ParameterException(spec.commandLine(), "--confirm-share must be 0 to 1, not " + confirmShare);
        }
        if (prepared && !spec.commandLine().getParseResult().hasMatchedOption("--run")) {
            throw new ParameterException(spec.commandLine(),
                    "--prepared needs the --run (and --seed) of the run that loaded the population");
        }
    }

    /**
     * One checkout for the first and the last person, so that a population that is not on the server, a key without
     * the checkout scope or a server without {@code Server-Timing} stop the run before any load.
     *
     * @throws ScenarioAbortedException if either fails or breaks the contract
     */
    private void probe(ApiClient api, QuoteGenerator generator, Population population)
            throws InterruptedException {
        for (long index : LongStream.of(0, persons - 1).distinct().toArray()) {
            var tally = new QuoteTally();
            var exchange = new QuoteExchange(api, generator, new AtomicLong(), tally);
            var quote = generator.probe(index);
            int status;
            try {
                status = exchange.send(quote, false);
            } catch (IOException e) {
                throw new ScenarioAbortedException("cannot reach the server: the checkout of " + quote.customerId()
                        + " failed with " + e, e);
            }
            if (status == 401 || status == 403) {
                throw new ScenarioAbortedException("the API key was rejected: the checkout of "
                        + quote.customerId() + " answered HTTP " + status + "; the key needs the checkout scope");
            }
            if (status < 200 || status > 299 || tally.breaches() > 0) {
                String hint = prepared
                        ? "; with --prepared, pass the --seed and --run of the run that loaded at least --persons "
                                + "persons, or run without --prepared to load them"
                        : "";
                throw new ScenarioAbortedException("the checkout of person " + index + " of run " + population.run()
                        + " failed: " + String.join("; ", tally.problems()) + hint);
            }
        }
    }

    /** The measured steps, one after the other, all quotes of the run numbered in one sequence. */
    private List<Step> measureSteps(ApiClient api, QuoteGenerator generator, List<LoadSettings> settings,
                                    PrintWriter err) throws InterruptedException {
        var next = new AtomicLong();
        var measured = new ArrayList<Step>();
        for (var step : settings) {
            String name = String.format(Locale.ROOT, "%s, %d client%s", exchangeName(), step.clients(),
                    step.clients() == 1 ? "" : "s");
            say(err, "measuring %s: %.1f s warm-up, %.1f s measured", name, step.warmup().toMillis() / 1000.0,
                    step.duration().toMillis() / 1000.0);
            var tally = new QuoteTally();
            var result = new LoadRunner(step).run(name, new QuoteExchange(api, generator, next, tally));
            measured.add(new Step(step.clients(), result, tally));
        }
        return measured;
    }

    /** What each exchange does, as the rows name it: {@code quote+confirm}, or {@code quote, 50% confirmed}. */
    private String exchangeName() {
        if (confirmShare == 1) {
            return "quote+confirm";
        }
        return "quote, " + BigDecimal.valueOf(confirmShare).movePointRight(2).stripTrailingZeros().toPlainString()
                + "% confirmed";
    }

    /**
     * One step's figures.
     *
     * @param clients   how many clients it ran
     * @param exchanges the checkout exchanges, as the load runner counted and timed them
     * @param tally     the quotes', confirmations' and cancellations' own figures
     */
    private record Step(int clients, LoadResult exchanges, QuoteTally tally) {

        /** One row of the table of steps. */
        Measurement measurement() {
            var client = tally.quotes();
            var server = tally.quoteServer();
            return new Measurement(exchanges.name(), "quotesPerSecond", List.of(
                    Metric.rate("quotesPerSecond", "quotes/s", exchanges.requestsPerSecond()),
                    Metric.millis("clientP50Ms", "p50 ms", client.p50Ms()),
                    Metric.millis("clientP99Ms", "p99 ms", client.p99Ms()),
                    Metric.millis("clientMaxMs", "max ms", client.maxMs()),
                    Metric.millis("p50Ms", "server p50", server.p50Ms()),
                    Metric.millis("p99Ms", "server p99", server.p99Ms()),
                    Metric.millis("maxMs", "server max", server.maxMs()),
                    Metric.millis("confirmP99Ms", "confirm p99", tally.confirmServer().p99Ms()),
                    Metric.count("errors", "errors", exchanges.errors())));
        }
    }

    /**
     * The figures the JSON report records: the last step's, the quote's server-side percentiles as {@code p50Ms} to
     * {@code maxMs}, then each step's under keys ending with {@code At<clients>}.
     */
    private static Measurement headline(List<Step> measured) {
        var last = measured.getLast();
        var client = last.tally().quotes();
        var server = last.tally().quoteServer();
        var confirm = last.tally().confirmServer();
        var metrics = new ArrayList<>(List.of(
                Metric.rate("quotesPerSecond", "quotes/s", last.exchanges().requestsPerSecond()),
                Metric.millis("p50Ms", "server p50 ms", server.p50Ms()),
                Metric.millis("p90Ms", null, server.p90Ms()),
                Metric.millis("p99Ms", "server p99 ms", server.p99Ms()),
                Metric.millis("p999Ms", null, server.p999Ms()),
                Metric.millis("maxMs", "server max ms", server.maxMs()),
                Metric.millis("clientP50Ms", "client p50 ms", client.p50Ms()),
                Metric.millis("clientP99Ms", "client p99 ms", client.p99Ms()),
                Metric.millis("clientMaxMs", "client max ms", client.maxMs()),
                Metric.millis("confirmP50Ms", "confirm server p50 ms", confirm.p50Ms()),
                Metric.millis("confirmP99Ms", "confirm server p99 ms", confirm.p99Ms()),
                Metric.millis("confirmMaxMs", "confirm server max ms", confirm.maxMs()),
                Metric.count("quotes", "quotes", last.exchanges().requests()),
                Metric.count("quotesWithOffers", "quotes with offers", last.tally().withOffers()),
                Metric.count("quotesSpendingPoints", "quotes spending points", last.tally().spendingPoints()),
                Metric.count("confirmations", "quotes confirmed", last.tally().confirmations()),
                Metric.count("cancellations", "quotes cancelled", last.tally().cancellations()),
                Metric.count("errors", "errors", last.exchanges().errors()),
                Metric.count("conflicts", "confirmations refused (409)", last.tally().conflicts())));
        for (var step : measured) {
            String suffix = "At" + step.clients();
            step.measurement().metrics().forEach(metric ->
                    metrics.add(new Metric(metric.key() + suffix, null, metric.value(), metric.decimals())));
        }
        return new Measurement(last.exchanges().name() + " (headline)", "quotesPerSecond", metrics);
    }

    private static List<String> failures(LoadResult ping, List<Step> measured, Optional<String> leftOver) {
        var failures = new ArrayList<String>();
        ScenarioReport.errorBudgetExceeded(Stream.concat(Stream.of(ping), measured.stream().map(Step::exchanges))
                .toArray(LoadResult[]::new)).ifPresent(failures::add);
        long breaches = measured.stream().mapToLong(step -> step.tally().breaches()).sum();
        if (breaches > 0) {
            failures.add(String.format(Locale.ROOT,
                    "%d checkout answers broke the contract (see the problems above)", breaches));
        }
        leftOver.ifPresent(failures::add);
        return failures;
    }

    // Progress goes to stderr so that stdout carries only the results.
    private static void say(PrintWriter err, String format, Object... arguments) {
        err.printf(Locale.ROOT, format + "%n", arguments);
        err.flush();
    }
}
