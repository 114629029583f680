package org.entente.bench.report;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The configuration of a run, reported beside its figures so that they can be reproduced.
 *
 * @param url       the server's base URL
 * @param clients   concurrent clients per target
 * @param duration  measured time per target
 * @param warmup    unmeasured load before each target's measurement
 * @param startedAt when the scenario started
 */
public record RunConfig(URI url, int clients, Duration duration, Duration warmup, Instant startedAt) {

    public RunConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
