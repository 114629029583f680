package org.entente.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link LoadRunner} measured on one target, warm-up excluded.
 *
 * @param name       what was measured, e.g. {@code GET /api/v1/ping}
 * @param requests   requests started in the measured window, failed ones included
 * @param httpErrors of those, the ones answered with a status other than 2xx
 * @param ioErrors   of those, the ones that got no response at all
 * @param elapsed    from the start of the measured window to the last response
 * @param latencies  response times of the answered requests (2xx or not); I/O errors are not timed
 */
public record LoadResult(String name, long requests, long httpErrors, long ioErrors, Duration elapsed,
                         Latencies latencies) {

    public LoadResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(latencies, "latencies");
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
