package org.entente.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock the integration tests give the application: the system's, unless a test moves it (by an offset that
 * keeps it ticking) or stops it at an instant. {@link ApiIT} puts it back after each test. Ticks in microseconds, as
 * the application's own clock does.
 */
public final class TestClock extends Clock {

    /** Puts this clock in the application in place of the system's. */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> stopped = new AtomicReference<>();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock's time, seen in another zone: moving or stopping this clock moves or stops that one too. */
    @Override
    public Clock withZone(ZoneId zone) {
        TestClock time = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return time.withZone(other);
            }

            @Override
            public Instant instant() {
                return time.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        Instant at = stopped.get();
        if (at == null) {
            at = Instant.now().plus(offset.get());
        }
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** Moves time forward (or back) by {@code by}, stopped or not. */
    public void advance(Duration by) {
        Instant at = stopped.get();
        if (at != null) {
            stopped.set(at.plus(by));
        } else {
            offset.accumulateAndGet(by, Duration::plus);
        }
    }

    /** Stops time at {@code at}: every reading answers it until the clock is moved or reset. */
    public void stopAt(Instant at) {
        stopped.set(at.truncatedTo(ChronoUnit.MICROS));
    }

    /** Back to the system's time. */
    public void reset() {
        stopped.set(null);
        offset.set(Duration.ZERO);
    }
}
