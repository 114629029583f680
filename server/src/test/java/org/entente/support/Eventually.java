package org.entente.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for what the application does in the background (a queue, a schedule), by reading it again and again. */
public final class Eventually {

    private Eventually() {
    }

    /** Reads until {@code done} holds or {@code timeout} passed; returns the last reading either way. */
    public static <T> T await(Supplier<T> read, Predicate<T> done, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        T value = read.get();
        while (!done.test(value) && Instant.now().isBefore(end)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = read.get();
        }
        return value;
    }
}
