package org.entente.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Applies a closed-loop load: {@code clients} virtual threads each send an {@link Exchange}, wait for its answer
 * and send the next, first for the warm-up and then for the measured duration. A request counts if it started in
 * the measured window; requests still in flight at the deadline are awaited and counted.
 *
 * <p>{@link #runAll} applies the same kind of load to a fixed amount of work instead: numbered jobs, each sent
 * once, all of them measured.
 */
public final class LoadRunner {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final LoadSettings settings;

    public LoadRunner(LoadSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs the load on one target and returns what was measured.
     *
     * @throws IllegalStateException if the exchange threw something other than an {@link IOException}
     */
    public LoadResult run(String name, Exchange exchange) throws InterruptedException {
        return run(name, measured -> exchange.send());
    }

    /**
     * Runs the load on one target, telling each exchange whether it is counted, and returns what was measured.
     *
     * @throws IllegalStateException if the exchange threw something other than an {@link IOException}
     */
    public LoadResult run(String name, WindowedExchange exchange) throws InterruptedException {
        long measureFrom = System.nanoTime() + settings.warmup().toNanos();
        long measureUntil = measureFrom + settings.duration().toNanos();
        var tallies = new ArrayList<Future<ClientTally>>();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < settings.clients(); i++) {
                tallies.add(clients.submit(() -> runClient(exchange, measureFrom, measureUntil)));
            }
            return merge(name, measureFrom, tallies, settings.duration());
        }
    }

    /**
     * Sends each job from 0 to {@code jobs - 1} exactly once: {@code clients} virtual threads each take the next job
     * as soon as their last one is answered, until none is left. Every job is measured, there is no warm-up, and
     * the elapsed time runs from the first request to the last response.
     *
     * @throws IllegalStateException if the exchange threw something other than an {@link IOException}
     */
    public static LoadResult runAll(String name, int clients, long jobs, NumberedExchange exchange)
            throws InterruptedException {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1: " + clients);
        }
        var next = new AtomicLong();
        var tallies = new ArrayList<Future<ClientTally>>();
        long startedAt = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                tallies.add(pool.submit(() -> runJobs(exchange, next, jobs)));
            }
            return merge(name, startedAt, tallies, Duration.ZERO);
        }
    }

    private static ClientTally runJobs(NumberedExchange exchange, AtomicLong next, long jobs)
            throws InterruptedException {
        var tally = new ClientTally();
        for (long job = next.getAndIncrement(); job < jobs; job = next.getAndIncrement()) {
            long begin = System.nanoTime();
            try {
                int status = exchange.send(job);
                tally.answered(status, begin, System.nanoTime());
            } catch (IOException e) {
                tally.failed(System.nanoTime());
            }
        }
        return tally;
    }

    private static ClientTally runClient(WindowedExchange exchange, long measureFrom, long measureUntil)
            throws InterruptedException {
        var tally = new ClientTally();
        for (long begin = System.nanoTime(); begin < measureUntil; begin = System.nanoTime()) {
            boolean measured = begin >= measureFrom;
            try {
                int status = exchange.send(measured);
                if (measured) {
                    tally.answered(status, begin, System.nanoTime());
                }
            } catch (IOException e) {
                if (measured) {
                    tally.failed(System.nanoTime());
                }
            }
        }
        return tally;
    }

    private static LoadResult merge(String name, long measureFrom, List<Future<ClientTally>> tallies,
                                    Duration whenNothingAnswered) throws InterruptedException {
        var total = new ClientTally();
        for (var tally : tallies) {
            try {
                total.add(tally.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("A client of " + name + " failed", e.getCause());
            }
        }
        // With no request measured (one slower than the whole window) the window itself is the elapsed time.
        var elapsed = total.requests == 0
                ? whenNothingAnswered
                : Duration.ofNanos(total.lastResponseAt - measureFrom);
        return new LoadResult(name, total.requests, total.httpErrors, total.ioErrors, elapsed, total.micros);
    }

    /** One client's counts: owned by a single thread until it is merged, so it needs no synchronisation. */
    private static final class ClientTally {
        private final Histogram micros = new Histogram(SIGNIFICANT_DIGITS);
        private long requests;
        private long httpErrors;
        private long ioErrors;
        private long lastResponseAt = Long.MIN_VALUE; // nanoTime may be negative: only read when requests > 0

        void answered(int status, long begin, long end) {
            requests++;
            if (status < 200 || status > 299) {
                httpErrors++;
            }
            micros.recordValue((end - begin) / 1_000);
            lastResponseAt = Math.max(lastResponseAt, end);
        }

        void failed(long end) {
            requests++;
            ioErrors++;
            lastResponseAt = Math.max(lastResponseAt, end);
        }

        void add(ClientTally other) {
            micros.add(other.micros);
            requests += other.requests;
            httpErrors += other.httpErrors;
            ioErrors += other.ioErrors;
            lastResponseAt = Math.max(lastResponseAt, other.lastResponseAt);
        }
    }
}
