package org.entente.bench.ping;

import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.entente.bench.ClientOptions;
import org.entente.bench.CommonOptions;
import org.entente.bench.TimingOptions;
import org.entente.bench.http.ApiClient;
import org.entente.bench.load.LoadResult;
import org.entente.bench.load.LoadRunner;
import org.entente.bench.load.LoadSettings;
import org.entente.bench.report.Measurement;
import org.entente.bench.report.Reports;
import org.entente.bench.report.ScenarioReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Measures {@code GET /api/v1/ping} with an API key against the raw baseline {@code GET /actuator/health/liveness}
 * (no authentication) of the same server, with the same load. The ratio of their throughputs is the share of the
 * server's raw capacity left once a request is authenticated, the ceiling of every API scenario.
 */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = {
                "Measures GET /api/v1/ping (authenticated with the API key) beside the raw baseline "
                        + "GET /actuator/health/liveness (no authentication), one after the other, with the same "
                        + "clients, warm-up and duration.",
                "Stops before sending any load if the key is missing or rejected."})
public final class PingScenario implements Callable<Integer> {

    public static final String BASELINE_PATH = "/actuator/health/liveness";
    public static final String PING_PATH = "/api/v1/ping";

    @Mixin
    private CommonOptions options;

    @Mixin
    private ClientOptions clients;

    @Mixin
    private TimingOptions timing;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var startedAt = Instant.now();
        var settings = timing.loadSettings(clients.clients());
        var key = options.requireKey();
        try (var api = new ApiClient(options.url(), key)) {
            var baselineRequest = api.get(BASELINE_PATH);
            var pingRequest = api.authorizedGet(PING_PATH);
            api.requireSuccess(baselineRequest);
            api.requireSuccess(pingRequest);

            PrintWriter err = spec.commandLine().getErr();
            var baseline = measure(api, "GET " + BASELINE_PATH, baselineRequest, settings, err);
            var ping = measurePing(api, settings, err);
            var config = TimingOptions.describe(options.runConfig(startedAt), settings);
            var report = new ScenarioReport("ping", config, Measurement.of(ping), Optional.of(Measurement.of(baseline)),
                    ScenarioReport.errorBudgetExceeded(baseline, ping).stream().toList());
            return Reports.publish(report, spec.commandLine().getOut(), options.json());
        }
    }

    /**
     * Measures {@code GET /api/v1/ping} with the client's API key under this load, saying so on {@code progress}: the
     * trivial endpoint that other scenarios measure as their baseline in the same run.
     */
    public static LoadResult measurePing(ApiClient api, LoadSettings settings, PrintWriter progress)
            throws InterruptedException {
        return measure(api, "GET " + PING_PATH, api.authorizedGet(PING_PATH), settings, progress);
    }

    private static LoadResult measure(ApiClient api, String name, HttpRequest request, LoadSettings settings,
                                      PrintWriter progress) throws InterruptedException {
        // Progress goes to stderr so that stdout carries only the results.
        progress.printf(Locale.ROOT, "measuring %s: %d clients, %.1f s warm-up, %.1f s measured%n", name,
                settings.clients(), settings.warmup().toMillis() / 1000.0, settings.duration().toMillis() / 1000.0);
        progress.flush();
        return new LoadRunner(settings).run(name, api.exchange(request));
    }
}
