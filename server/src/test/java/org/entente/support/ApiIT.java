package org.entente.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the integration tests: the whole application on a random port, on the database the build points it at
 * (H2 by default, PostgreSQL with -Ppostgresql), called over real HTTP. All subclasses share one application
 * context, so tests must not depend on the database being empty: they name what they create uniquely.
 * <p>
 * The application's clock is {@link #clock}: a test may move it, and it is put back after each test. The loyalty
 * maintenance does not run on its schedule here; tests run it when they mean to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entente.bootstrap.api-key=" + ApiIT.BOOTSTRAP_KEY,
        "entente.bootstrap.admin-password=" + ApiIT.ADMIN_PASSWORD,
        "entente.loyalty.maintenance-interval=1000d",
        // The dashboard's figures are counted again a second after they were, not minutes: tests see them move.
        "entente.backoffice.dashboard-refresh=1s"})
@Import(TestClock.Configuration.class)
public abstract class ApiIT {

    @Autowired
    protected TestClock clock;

    /** Emails go to the test SMTP server, other channels to the test webhook receiver; retries come quickly. */
    @DynamicPropertySource
    static void delivery(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", Mailbox::port);
        registry.add("entente.outreach.delivery.webhook-url", WebhookReceiver::url);
        registry.add("entente.outreach.delivery.webhook-secret", () -> WebhookReceiver.SECRET);
        registry.add("entente.outreach.delivery.retry-delay", () -> "1s");
        registry.add("entente.outreach.delivery.dispatch-interval", () -> "500ms");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    public static final String BOOTSTRAP_KEY = "it-bootstrap-key-0123456789abcdef";
    public static final String ADMIN_PASSWORD = "it-admin-password";

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    protected int port;

    protected String base;

    @BeforeEach
    void setBase() {
        base = "http://localhost:" + port;
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    }

    protected HttpRequest.Builder request(String path, String key) {
        return request(path).header("Authorization", "Bearer " + key);
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET());
    }

    protected HttpResponse<String> postJson(String path, String key, String json) {
        return send(request(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Sends events through the events API, as tills do, and asserts that none was rejected. */
    protected JsonNode send(ObjectNode... events) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("events");
        for (ObjectNode event : events) {
            list.add(event);
        }
        HttpResponse<String> response = postJson("/api/v1/events", BOOTSTRAP_KEY, JSON.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json(response);
        assertThat(answer.path("rejected").asInt()).as(response.body()).isZero();
        return answer;
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Asserts an RFC 9457 answer with this status and stable code, and that it leaks no internals. */
    protected static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.entente");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("type").asString()).isEqualTo("about:blank");
        return problem;
    }

    /**
     * Every item of a paginated listing, followed page by page through its {@code next} cursor. Pages are small so
     * that the cursors are exercised too.
     */
    protected List<JsonNode> listAll(String path) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(get(path + "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), BOOTSTRAP_KEY));
            page.path("items").forEach(items::add);
            cursor = page.path("next").isNull() ? null : page.path("next").asString();
        } while (cursor != null);
        return items;
    }

    /** Uploads a CSV file to import, as {@code text/csv}. */
    protected HttpResponse<String> upload(String kind, String csv, String key) {
        return send(request("/api/v1/imports?kind=" + kind, key).header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    /** Imports a CSV file with the bootstrap key and answers the import's status once it completed or failed. */
    protected JsonNode importAndWait(String kind, String csv) {
        HttpResponse<String> started = upload(kind, csv, BOOTSTRAP_KEY);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/api/v1/imports/" + json(started).path("id").asString());
        String path = "/api/v1/imports/" + json(started).path("id").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = json(get(path, BOOTSTRAP_KEY));
            String state = status.path("state").asString();
            if (state.equals("completed") || state.equals("failed")) {
                return status;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import did not finish in time");
    }

    /** Creates a key with these scopes through the admin API and answers its secret. */
    protected String createKey(String namePrefix, String... scopes) {
        String name = namePrefix + "-" + UUID.randomUUID();
        String body = JSON.writeValueAsString(Map.of("name", name, "scopes", List.of(scopes)));
        HttpResponse<String> created = postJson("/api/v1/admin/api-keys", BOOTSTRAP_KEY, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("secret").asString();
    }

    /** The bootstrap administrator, signed in through the login form. */
    protected Browser admin() {
        Browser browser = new Browser(base);
        assertThat(browser.login("admin", ADMIN_PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        return browser;
    }

    /** A new staff user with these roles (created through the API), signed in through the login form. */
    protected Browser staffWith(String... roles) {
        String username = unique("staff-" + roles[0].toLowerCase(java.util.Locale.ROOT) + ".");
        HttpResponse<String> created = postJson("/api/v1/admin/staff-users", BOOTSTRAP_KEY,
                "{\"username\": \"" + username + "\", \"displayName\": \"Sam\", \"roles\": [\""
                        + String.join("\", \"", roles) + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Browser browser = new Browser(base);
        assertThat(browser.login(username, json(created).path("password").asString()).statusCode()).isEqualTo(302);
        return browser;
    }

    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }
}
