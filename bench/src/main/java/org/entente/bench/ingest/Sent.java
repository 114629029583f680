package org.entente.bench.ingest;

import java.util.List;
import java.util.Objects;
import org.entente.bench.load.LoadResult;

/**
 * Batches sent to {@code POST /api/v1/events} and the events the server acknowledged in them.
 *
 * @param batches the load that sent them: one request per batch, timed from the first request to the last answer
 * @param events  events in the batches answered 202
 */
record Sent(LoadResult batches, long events) {

    Sent {
        Objects.requireNonNull(batches, "batches");
    }

    /** Batches sent one after the other, as one {@code name}d whole: the time between them is not counted. */
    static Sent combine(String name, List<Sent> parts) {
        return new Sent(LoadResult.combine(name, parts.stream().map(Sent::batches).toList()),
                parts.stream().mapToLong(Sent::events).sum());
    }

    double seconds() {
        return batches.elapsed().toNanos() / 1e9;
    }

    /** Events acknowledged per second of sending; 0 if no time passed. */
    double eventsPerSecond() {
        double seconds = seconds();
        return seconds == 0 ? 0 : events / seconds;
    }
}
