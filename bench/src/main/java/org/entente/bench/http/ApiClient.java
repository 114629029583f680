package org.entente.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.entente.bench.ScenarioAbortedException;
import org.entente.bench.load.Exchange;

/**
 * Builds and sends requests to the server under test over HTTP/1.1, the way tills and e-shops call it.
 *
 * <p>One instance is shared by all the clients of a run: the JDK client is thread-safe and keeps one
 * keep-alive connection per concurrent request. Close it at the end of the scenario.
 */
public final class ApiClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // Long enough for a slow server under load, short enough that a hung request cannot stall a run.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int EXCERPT = 300;

    private final HttpClient http;
    private final String baseUrl;
    private final String key;

    /**
     * A client for the server at {@code baseUrl}, authenticating with {@code key} where asked.
     *
     * @param baseUrl the server's base URL; a path in it (a context path) is kept
     * @param key     the API key sent by {@link #authorizedGet(String)} and {@link #authorizedPost}
     */
    public ApiClient(URI baseUrl, String key) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** A GET without credentials, for {@code path} starting with {@code /}. */
    public HttpRequest get(String path) {
        return request(path).GET().build();
    }

    /** A GET with {@code Authorization: Bearer <key>}, for {@code path} starting with {@code /}. */
    public HttpRequest authorizedGet(String path) {
        return request(path).header("Authorization", "Bearer " + key).GET().build();
    }

    /**
     * A POST with {@code Authorization: Bearer <key>}, for {@code path} starting with {@code /}, sending
     * {@code body} as {@code contentType}.
     */
    public HttpRequest authorizedPost(String path, String contentType, BodyPublisher body) {
        return authorizedPost(path, contentType, body, REQUEST_TIMEOUT);
    }

    /**
     * The same with its own timeout, counted from sending the request to receiving the response headers: for a
     * large upload, which takes longer to send than a request may otherwise take to be answered.
     */
    public HttpRequest authorizedPost(String path, String contentType, BodyPublisher body, Duration timeout) {
        return request(path)
                .timeout(timeout)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", contentType)
                .POST(body)
                .build();
    }

    /**
     * A PUT with {@code Authorization: Bearer <key>}, for {@code path} starting with {@code /}, sending {@code body}
     * as {@code contentType}.
     */
    public HttpRequest authorizedPut(String path, String contentType, BodyPublisher body) {
        return request(path)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", contentType)
                .PUT(body)
                .build();
    }

    /** A DELETE with {@code Authorization: Bearer <key>}, for {@code path} starting with {@code /}. */
    public HttpRequest authorizedDelete(String path) {
        return request(path).header("Authorization", "Bearer " + key).DELETE().build();
    }

    /** Sends the request and returns the response with its whole body, whatever the status. */
    public HttpResponse<byte[]> fetch(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.ofByteArray());
    }

    /** Sends the request, discards the body and returns the status code. */
    public int send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.discarding()).statusCode();
    }

    /** The request as a load-runner exchange. */
    public Exchange exchange(HttpRequest request) {
        return () -> send(request);
    }

    /**
     * Sends the request once and checks it succeeds, so that a scenario never runs a whole load of errors.
     *
     * @throws ScenarioAbortedException if the server cannot be reached, rejects the key (401 or 403) or answers
     *                                  anything but 2xx
     */
    public void requireSuccess(HttpRequest request) throws InterruptedException {
        String target = request.method() + " " + request.uri();
        int status;
        try {
            status = send(request);
        } catch (IOException e) {
            throw new ScenarioAbortedException("cannot reach the server: " + target + " failed with " + e, e);
        }
        if (status == 401 || status == 403) {
            throw new ScenarioAbortedException("the API key was rejected: " + target + " answered HTTP " + status
                    + "; pass a valid key with --key or ENTENTE_BENCH_KEY");
        }
        if (status < 200 || status > 299) {
            throw new ScenarioAbortedException(target + " answered HTTP " + status + " instead of 2xx");
        }
    }

    /** The start of a response body as text, for a message that says what the server answered. */
    public static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "...";
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
    }
}
