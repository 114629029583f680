package org.entente.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * How much load to apply to one target.
 *
 * @param clients  concurrent clients, at least 1
 * @param warmup   load applied before measuring, not counted; zero or more
 * @param duration measured time after the warm-up; positive
 */
public record LoadSettings(int clients, Duration warmup, Duration duration) {

    public LoadSettings {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1: " + clients);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must not be negative: " + warmup);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
    }
}
