package org.entente.bench.imports;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.entente.bench.ScenarioAbortedException;
import org.entente.bench.http.ApiClient;
import tools.jackson.core.JacksonException;

/**
 * Uploads a transactions CSV to {@code POST /api/v1/imports?kind=transactions}, streamed from the file, and polls
 * {@code GET /api/v1/imports/{id}} until the import completes, fails or takes longer than allowed. The import
 * scenario times it; the scenarios that need a population with purchase histories load them with it. Used by one
 * thread.
 */
public final class TransactionsImport {

    static final String IMPORTS_PATH = "/api/v1/imports";

    // Sending a large file takes longer than the default request timeout allows.
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

    private final ApiClient api;
    private final Duration poll;
    private final Duration timeout;
    private final PrintWriter progress;

    /**
     * @param poll     time between two reads of the import's state, positive
     * @param timeout  how long the import may take, from the start of the upload, positive
     * @param progress where to say how the import goes (the scenario's stderr)
     */
    public TransactionsImport(ApiClient api, Duration poll, Duration timeout, PrintWriter progress) {
        this.api = Objects.requireNonNull(api, "api");
        this.poll = Objects.requireNonNull(poll, "poll");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * How an import went.
     *
     * @param last     the import's state as last read
     * @param timeout  how long it was allowed to take
     * @param uploaded from the start of the upload to its answer
     * @param elapsed  from the start of the upload to the last read
     */
    public record Outcome(ImportStatus last, Duration timeout, Duration uploaded, Duration elapsed) {

        /** Whether it was still running when the time allowed ran out. */
        public boolean timedOut() {
            return !last.finished();
        }

        /**
         * Why the import cannot count as the whole file taken, one sentence each; empty if it completed with every
         * one of the {@code fileRows} read and none rejected.
         */
        public List<String> failures(long fileRows) {
            var failures = new ArrayList<String>();
            if (timedOut()) {
                failures.add(String.format(Locale.ROOT, "import %s was still %s after %s", last.id(), last.state(),
                        timeout));
            } else if (!last.completed()) {
                failures.add("import " + last.id() + " failed: "
                        + (last.error().isBlank() ? "the server gave no reason" : last.error()));
            }
            if (last.rowsRejected() > 0) {
                failures.add(String.format(Locale.ROOT, "the server rejected %d rows", last.rowsRejected()));
            }
            if (last.completed() && last.rowsRead() != fileRows) {
                failures.add(String.format(Locale.ROOT, "the server read %d rows of the %d in the file",
                        last.rowsRead(), fileRows));
            }
            return failures;
        }
    }

    /**
     * Uploads {@code file} and follows its import to the end or to the timeout.
     *
     * @throws ScenarioAbortedException if the upload gets no answer or one other than 202 with an import's id and
     *                                  state, or a read of the import is refused
     */
    public Outcome run(Path file) throws InterruptedException {
        say("uploading to %s", IMPORTS_PATH);
        long begin = System.nanoTime();
        var upload = api.authorizedPost(IMPORTS_PATH + "?kind=transactions", "text/csv", ofFile(file),
                UPLOAD_TIMEOUT);
        ImportStatus status;
        try {
            var response = api.fetch(upload);
            if (response.statusCode() != 202) {
                throw new ScenarioAbortedException("POST " + upload.uri() + " answered HTTP " + response.statusCode()
                        + " instead of 202: " + ApiClient.excerpt(response.body()));
            }
            status = parseStatus(upload, response.body());
        } catch (IOException e) {
            throw new ScenarioAbortedException("the upload to " + upload.uri() + " failed: " + e, e);
        }
        var uploaded = Duration.ofNanos(System.nanoTime() - begin);
        say("  uploaded in %.1f s: import %s is %s", uploaded.toMillis() / 1000.0, status.id(), status.state());

        long deadline = begin + timeout.toNanos();
        String lastState = status.state();
        while (!status.finished() && System.nanoTime() < deadline) {
            Thread.sleep(poll.toMillis());
            status = read(status);
            if (!status.state().equals(lastState)) {
                say("  %s after %.1f s, %d rows read", status.state(), (System.nanoTime() - begin) / 1e9,
                        status.rowsRead());
                lastState = status.state();
            }
        }
        return new Outcome(status, timeout, uploaded, Duration.ofNanos(System.nanoTime() - begin));
    }

    /** The import's current state, or {@code last} again if it cannot be read this time. */
    private ImportStatus read(ImportStatus last) throws InterruptedException {
        var request = api.authorizedGet(IMPORTS_PATH + "/" + last.id());
        try {
            var response = api.fetch(request);
            if (response.statusCode() == 200) {
                return parseStatus(request, response.body());
            }
            if (response.statusCode() < 500) {
                throw new ScenarioAbortedException("GET " + request.uri() + " answered HTTP "
                        + response.statusCode() + ": " + ApiClient.excerpt(response.body()));
            }
            say("  GET %s answered HTTP %d, reading again", request.uri(), response.statusCode());
        } catch (IOException e) {
            say("  GET %s failed (%s), reading again", request.uri(), e);
        }
        return last;
    }

    private static ImportStatus parseStatus(HttpRequest request, byte[] body) {
        try {
            return ImportStatus.parse(body);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new ScenarioAbortedException(request.method() + " " + request.uri()
                    + " did not answer with an import's id and state: " + ApiClient.excerpt(body), e);
        }
    }

    private static BodyPublisher ofFile(Path file) {
        try {
            return BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void say(String format, Object... arguments) {
        progress.printf(Locale.ROOT, format + "%n", arguments);
        progress.flush();
    }
}
