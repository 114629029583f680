package org.entente.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What a {@link LoadRunner} measured on one target, warm-up excluded. Immutable: it keeps its own copy of the
 * histogram and hands out copies.
 *
 * @param name       what was measured, e.g. {@code GET /api/v1/ping}
 * @param requests   requests started in the measured window, failed ones included
 * @param httpErrors of those, the ones answered with a status other than 2xx
 * @param ioErrors   of those, the ones that got no response at all
 * @param elapsed    from the start of the measured window to the last response
 * @param micros     response times of the answered requests (2xx or not) in microseconds; I/O errors are not timed
 */
public record LoadResult(String name, long requests, long httpErrors, long ioErrors, Duration elapsed,
                         Histogram micros) {

    public LoadResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elapsed, "elapsed");
        micros = Objects.requireNonNull(micros, "micros").copy();
    }

    /**
     * Results measured one after the other, as one result named {@code name}: their requests and errors added up,
     * their elapsed times added up (the time between them is not counted), their response times taken together.
     *
     * @throws IllegalArgumentException if there are none
     */
    public static LoadResult combine(String name, List<LoadResult> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to combine into " + name);
        }
        var micros = new Histogram(parts.getFirst().micros.getNumberOfSignificantValueDigits());
        var elapsed = Duration.ZERO;
        long requests = 0;
        long httpErrors = 0;
        long ioErrors = 0;
        for (var part : parts) {
            micros.add(part.micros);
            elapsed = elapsed.plus(part.elapsed);
            requests += part.requests;
            httpErrors += part.httpErrors;
            ioErrors += part.ioErrors;
        }
        return new LoadResult(name, requests, httpErrors, ioErrors, elapsed, micros);
    }

    @Override
    public Histogram micros() {
        return micros.copy();
    }

    /** The percentiles of the response times. */
    public Latencies latencies() {
        return Latencies.fromMicros(micros);
    }

    public long errors() {
        return httpErrors + ioErrors;
    }

    /** Requests per second over the measured window, failed ones included. */
    public double requestsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : requests / seconds;
    }

    /** The share of requests that failed, from 0 to 1; 0 when there were none. */
    public double errorRate() {
        return requests == 0 ? 0 : errors() / (double) requests;
    }
}
