package org.entente.bench.load;

import java.io.IOException;

/**
 * One job of a fixed amount of work, sent by {@link LoadRunner#runAll} exactly once per number. Must be thread-safe:
 * different clients send different numbers at the same time.
 */
@FunctionalInterface
public interface NumberedExchange {

    /**
     * Sends job {@code number} and waits until it is answered, retries included.
     *
     * @return the final HTTP status code; 2xx counts as a success, anything else as an HTTP error
     * @throws IOException when no response came (refused, reset, timed out): counted as an I/O error
     */
    int send(long number) throws IOException, InterruptedException;
}
