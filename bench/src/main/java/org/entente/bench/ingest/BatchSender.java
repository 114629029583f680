package org.entente.bench.ingest;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.entente.bench.http.ApiClient;
import org.entente.bench.http.Json;
import org.entente.bench.load.NumberedExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sends batch {@code n} of the generator's events to {@code POST /api/v1/events} and tallies the acknowledgements.
 * A 503 (storage unavailable) is retried with a doubling back-off, the same batch with the same event ids, which the
 * server deduplicates; any other answer is final. Thread-safe: the clients of a run share one sender.
 */
final class BatchSender implements NumberedExchange {

    static final String EVENTS_PATH = "/api/v1/events";
    /** The most events a batch may hold. */
    static final int MAX_BATCH = 1000;

    private static final int MAX_RETRIES = 5;
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final int MAX_PROBLEMS_KEPT = 5;

    private final ApiClient api;
    private final EventGenerator generator;
    private final int batchSize;
    private final long batches;
    private final PrintWriter progress;

    private final LongAdder acknowledgedEvents = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder unacknowledgedBatches = new LongAdder();
    private final LongAdder miscountedBatches = new LongAdder();
    private final AtomicLong done = new AtomicLong();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    /**
     * @param progress where to say how far the run is, every tenth of the batches
     */
    BatchSender(ApiClient api, EventGenerator generator, int batchSize, PrintWriter progress) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be 1 to " + MAX_BATCH + ": " + batchSize);
        }
        this.api = Objects.requireNonNull(api, "api");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.batchSize = batchSize;
        this.batches = batches(generator.plan().events(), batchSize);
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** How many batches of up to {@code batchSize} events it takes to send {@code events}. */
    static long batches(long events, int batchSize) {
        return (events + batchSize - 1) / batchSize;
    }

    long batches() {
        return batches;
    }

    @Override
    public int send(long batch) throws IOException, InterruptedException {
        long from = batch * batchSize;
        long to = Math.min(from + batchSize, generator.plan().events());
        byte[] body = Json.MAPPER.writeValueAsBytes(new Event.Batch(generator.events(from, to)));
        try {
            for (int attempt = 0; ; attempt++) {
                var response = api.fetch(api.authorizedPost(EVENTS_PATH, "application/json",
                        BodyPublishers.ofByteArray(body)));
                int status = response.statusCode();
                if (status == 503 && attempt < MAX_RETRIES) {
                    retries.increment();
                    Thread.sleep(FIRST_BACKOFF_MILLIS << attempt);
                    continue;
                }
                if (status == 202) {
                    acknowledge(batch, to - from, response.body());
                } else {
                    unacknowledgedBatches.increment();
                    problem("batch %d answered HTTP %d: %s", batch, status, ApiClient.excerpt(response.body()));
                }
                return status;
            }
        } catch (IOException e) {
            unacknowledgedBatches.increment();
            problem("batch %d got no answer: %s", batch, e);
            throw e;
        } finally {
            reportProgress();
        }
    }

    private void acknowledge(long batch, long size, byte[] body) {
        JsonNode ack;
        try {
            ack = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            ack = Json.MAPPER.createObjectNode();
        }
        long batchAccepted = ack.path("accepted").asLong();
        long batchDuplicates = ack.path("duplicates").asLong();
        long batchRejected = ack.path("rejected").asLong();
        acknowledgedEvents.add(size);
        accepted.add(batchAccepted);
        duplicates.add(batchDuplicates);
        rejected.add(batchRejected);
        if (batchAccepted + batchDuplicates + batchRejected != size) {
            miscountedBatches.increment();
            problem("batch %d of %d events was acknowledged with %d accepted, %d duplicates and %d rejected", batch,
                    size, batchAccepted, batchDuplicates, batchRejected);
        }
        if (batchRejected > 0) {
            for (JsonNode result : ack.path("results")) {
                if ("rejected".equals(result.path("status").asString())) {
                    problem("event %s was rejected: %s", result.path("id").asString(), result.path("reason"));
                    break;
                }
            }
        }
    }

    private void reportProgress() {
        long finished = done.incrementAndGet();
        long step = Math.max(1, batches / 10);
        if (finished % step == 0 || finished == batches) {
            progress.printf(Locale.ROOT, "  %d of %d batches answered%n", finished, batches);
            progress.flush();
        }
    }

    private void problem(String format, Object... arguments) {
        if (problems.size() < MAX_PROBLEMS_KEPT) {
            problems.add(String.format(Locale.ROOT, format, arguments));
        }
    }

    /** Events in the batches answered 202. */
    long acknowledgedEvents() {
        return acknowledgedEvents.sum();
    }

    long accepted() {
        return accepted.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }

    long rejected() {
        return rejected.sum();
    }

    /** 503 answers that were retried. */
    long retries() {
        return retries.sum();
    }

    /** Batches not answered 202 in the end, 503s exhausted, other statuses and I/O errors alike. */
    long unacknowledgedBatches() {
        return unacknowledgedBatches.sum();
    }

    /** The first few things that went wrong, to show the user what to look at. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Why the run cannot count as a valid ingest, one sentence each; empty if every event was taken. */
    List<String> failures() {
        var failures = new ArrayList<String>();
        if (unacknowledgedBatches() > 0) {
            failures.add(String.format(Locale.ROOT, "%d of %d batches were not acknowledged with HTTP 202",
                    unacknowledgedBatches(), batches));
        }
        if (miscountedBatches.sum() > 0) {
            failures.add(String.format(Locale.ROOT,
                    "%d acknowledgements did not account for every event of their batch", miscountedBatches.sum()));
        }
        if (rejected() > 0) {
            failures.add(String.format(Locale.ROOT, "the server rejected %d events", rejected()));
        }
        return failures;
    }
}
