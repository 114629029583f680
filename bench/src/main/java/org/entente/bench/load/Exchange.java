package org.entente.bench.load;

import java.io.IOException;

/** One request and its response, repeated by each client of a {@link LoadRunner}. Must be thread-safe. */
@FunctionalInterface
public interface Exchange {

    /**
     * Sends the request and waits for the whole response.
     *
     * @return the HTTP status code; 2xx counts as a success, anything else as an HTTP error
     * @throws IOException when no response came (refused, reset, timed out): counted as an I/O error
     */
    int send() throws IOException, InterruptedException;
}
