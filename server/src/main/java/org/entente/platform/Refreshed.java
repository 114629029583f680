package org.entente.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A value loaded from the database and kept in memory (a compiled catalog, a policy): read again at most every
 * {@code refresh}, so that another node's change is seen within it, and at once after this node's own change commits.
 * Thread-safe.
 */
public final class Refreshed<T> {

    private final Duration refresh;
    private final Supplier<T> load;
    private final AtomicReference<Loaded<T>> loaded = new AtomicReference<>();

    private record Loaded<T>(T value, Instant at) {
    }

    public Refreshed(Duration refresh, Supplier<T> load) {
        this.refresh = refresh;
        this.load = load;
    }

    public T get() {
        Loaded<T> now = loaded.get();
        // The system clock, not the injected one: tests move that one by months.
        if (now != null && Duration.between(now.at(), Instant.now()).compareTo(refresh) < 0) {
            return now.value();
        }
        T value = load.get();
        loaded.set(new Loaded<>(value, Instant.now()));
        return value;
    }

    /** The next read after the current transaction commits (or at once, outside one) loads the value again. */
    public void changed() {
        AfterCommit.run(() -> loaded.set(null));
    }
}
