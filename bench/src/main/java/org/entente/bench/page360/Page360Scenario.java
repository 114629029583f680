package org.entente.bench.page360;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.entente.bench.ClientOptions;
import org.entente.bench.CommonOptions;
import org.entente.bench.ScenarioAbortedException;
import org.entente.bench.TimingOptions;
import org.entente.bench.http.ApiClient;
import org.entente.bench.http.ServerTiming;
import org.entente.bench.load.Latencies;
import org.entente.bench.load.LoadResult;
import org.entente.bench.load.LoadRunner;
import org.entente.bench.ping.PingScenario;
import org.entente.bench.report.Measurement;
import org.entente.bench.report.Metric;
import org.entente.bench.report.Reports;
import org.entente.bench.report.ScenarioReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 360° view of a person with a long history: one person receives {@code --events} events through the events
 * API, a staff member signs in through the login form, and the clients open {@code GET /customers/{id}} again and
 * again with that session. The server's own time ({@code Server-Timing: app;dur}) gives the headline percentiles,
 * beside {@code GET /api/v1/ping} with the same clients in the same run.
 */
@Command(name = "page360", mixinStandardHelpOptions = true,
        description = {
                "Measures the back office's 360° view (GET /customers/{id}) of one person with --events events, "
                        + "opened by a staff session (signed in through the login form with --user and --password), "
                        + "beside GET /api/v1/ping with the same clients.",
                "JSON metrics: pagesPerSecond, serverP50Ms, serverP95Ms, serverP99Ms (the 'Server-Timing: app;dur' "
                        + "of the answers), clientP95Ms; baseline pingPerSecond.",
                "The key needs the ingest and read scopes."})
public final class Page360Scenario implements Callable<Integer> {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final int BATCH = 500;

    @Mixin
    private CommonOptions options;

    @Mixin
    private ClientOptions clients;

    @Mixin
    private TimingOptions timing;

    @Option(names = "--events", defaultValue = "10000", paramLabel = "N",
            description = "Events of the person, 1 to 100000. Default: ${DEFAULT-VALUE}.")
    private int events;

    @Option(names = "--user", defaultValue = "admin", paramLabel = "NAME",
            description = "The staff user who opens the page. Default: ${DEFAULT-VALUE}.")
    private String user;

    @Option(names = "--password", defaultValue = "${env:ENTENTE_BENCH_PASSWORD}", paramLabel = "SECRET",
            description = "Their password (or ENTENTE_BENCH_PASSWORD).")
    private String password;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        var startedAt = Instant.now();
        if (events < 1 || events > 100_000) {
            throw new ScenarioAbortedException("--events must be from 1 to 100000");
        }
        if (password == null || password.isBlank()) {
            throw new ScenarioAbortedException("--password (or ENTENTE_BENCH_PASSWORD) is required: the page is "
                    + "for signed-in staff");
        }
        var settings = timing.loadSettings(clients.clients());
        PrintWriter err = spec.commandLine().getErr();
        try (var api = new ApiClient(options.url(), options.requireKey())) {
            api.requireSuccess(api.authorizedGet(PingScenario.PING_PATH));
            String customer = "p360-" + Long.toString(startedAt.toEpochMilli(), Character.MAX_RADIX);
            String personId = record(api, customer, startedAt, err);
            HttpClient staff = signIn(err);
            URI page = options.url().resolve("/customers/" + personId);
            HttpRequest open = HttpRequest.newBuilder(page).header("Accept", "text/html")
                    .timeout(Duration.ofSeconds(30)).GET().build();
            var first = staff.send(open, HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() != 200 || ServerTiming.micros(first.headers(), ServerTiming.APP).isEmpty()) {
                throw new ScenarioAbortedException("GET " + page + " answered " + first.statusCode()
                        + " without a Server-Timing app duration: is the user staff?");
            }
            Histogram server = new ConcurrentHistogram(3);
            AtomicLong breaches = new AtomicLong();
            err.printf(Locale.ROOT, "measuring GET /customers/{id} of a person with %d events: %d clients%n", events,
                    settings.clients());
            err.flush();
            LoadResult pages = new LoadRunner(settings).run("GET /customers/{id}", measured -> {
                HttpResponse<byte[]> answer = staff.send(open, HttpResponse.BodyHandlers.ofByteArray());
                var micros = ServerTiming.micros(answer.headers(), ServerTiming.APP);
                if (answer.statusCode() == 200 && micros.isEmpty()) {
                    breaches.incrementAndGet();
                }
                if (measured && micros.isPresent()) {
                    server.recordValue(micros.getAsLong());
                }
                return answer.statusCode();
            });
            LoadResult ping = PingScenario.measurePing(api, settings, err);
            var serverTimes = Latencies.fromMicros(server);
            var client = pages.micros();
            var headline = new Measurement(pages.name(), "pagesPerSecond", List.of(
                    Metric.rate("pagesPerSecond", "pages/s", pages.requestsPerSecond()),
                    Metric.millis("serverP50Ms", "server p50 ms", serverTimes.p50Ms()),
                    Metric.millis("serverP95Ms", "server p95 ms", server.getValueAtPercentile(95) / 1000.0),
                    Metric.millis("serverP99Ms", "server p99 ms", serverTimes.p99Ms()),
                    Metric.millis("serverMaxMs", "server max ms", serverTimes.maxMs()),
                    Metric.millis("clientP95Ms", "client p95 ms", client.getValueAtPercentile(95) / 1000.0),
                    Metric.count("events", "events of the person", events),
                    Metric.count("pages", "pages", pages.requests()),
                    Metric.count("errors", "errors", pages.errors()),
                    Metric.count("breaches", "answers without Server-Timing", breaches.get())));
            var config = TimingOptions.describe(options.runConfig(startedAt), settings);
            List<String> failures = new java.util.ArrayList<>(
                    ScenarioReport.errorBudgetExceeded(ping, pages).stream().toList());
            if (breaches.get() > 0) {
                failures.add(breaches.get() + " pages answered without Server-Timing");
            }
            var report = new ScenarioReport("page360", config, headline,
                    Optional.of(Measurement.of(ping, "pingPerSecond")), failures);
            return Reports.publish(report, spec.commandLine().getOut(), options.json());
        }
    }

    /** Sends the person's events, in batches; answers their profile id. */
    private String record(ApiClient api, String customer, Instant startedAt, PrintWriter err)
            throws IOException, InterruptedException {
        err.printf(Locale.ROOT, "recording %d events of %s%n", events, customer);
        err.flush();
        String[] channels = {"web", "app", "store", "email", "call_center"};
        for (int start = 0; start < events; start += BATCH) {
            StringBuilder body = new StringBuilder("{\"events\":[");
            for (int i = start; i < Math.min(events, start + BATCH); i++) {
                boolean purchase = i % 25 == 0;
                String channel = purchase ? "store" : channels[i % channels.length];
                String type = i == 0 ? "identify" : purchase ? "purchase" : "page_view";
                Instant at = startedAt.minus(Duration.ofMinutes((long) (events - i) * 30));
                body.append(i == start ? "" : ",").append("{\"id\":\"").append(customer).append('-').append(i)
                        .append("\",\"type\":\"").append(type).append("\",\"channel\":\"").append(channel)
                        .append("\",\"occurredAt\":\"").append(at).append("\",\"identifiers\":{\"customerId\":\"")
                        .append(customer).append("\"},\"properties\":");
                if (i == 0) {
                    body.append("{\"firstName\":\"Bench\",\"lastName\":\"History\"}");
                } else if (purchase) {
                    body.append("{\"orderId\":\"").append(customer).append("-o").append(i)
                            .append("\",\"total\":30,\"currency\":\"EUR\"}");
                } else {
                    body.append("{\"url\":\"https://shop.example/p/").append(i % 400).append("\"}");
                }
                body.append('}');
            }
            body.append("]}");
            var answer = api.fetch(api.authorizedPost("/api/v1/events", "application/json",
                    BodyPublishers.ofString(body.toString())));
            if (answer.statusCode() != 202) {
                throw new ScenarioAbortedException("POST /api/v1/events answered " + answer.statusCode() + ": "
                        + ApiClient.excerpt(answer.body()));
            }
        }
        var found = api.fetch(api.authorizedGet("/api/v1/profiles?identifier=customerId:" + customer));
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"")
                .matcher(new String(found.body(), StandardCharsets.UTF_8));
        if (found.statusCode() != 200 || !id.find()) {
            throw new ScenarioAbortedException("the person " + customer + " was not found after their events");
        }
        return id.group(1);
    }

    /** A client holding a staff session, signed in through the login form as a browser does. */
    private HttpClient signIn(PrintWriter err) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        var login = http.send(HttpRequest.newBuilder(options.url().resolve("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(login.body());
        if (!csrf.find()) {
            throw new ScenarioAbortedException("no login form at " + options.url().resolve("/login"));
        }
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        var signedIn = http.send(HttpRequest.newBuilder(options.url().resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new ScenarioAbortedException("signing in as " + user + " failed (check --user and --password)");
        }
        err.printf(Locale.ROOT, "signed in as %s%n", user);
        return http;
    }
}
