package org.entente.bench.load;

import java.io.IOException;

/**
 * An {@link Exchange} told whether it starts in the measured window, for a scenario that records figures of its own
 * beside the runner's (the server's own timing, one request of several in the exchange): it records them for exactly
 * the exchanges the runner counts. Must be thread-safe.
 */
@FunctionalInterface
public interface WindowedExchange {

    /**
     * Sends the request, or the requests, and waits for the whole response.
     *
     * @param measured whether the runner counts this exchange: false during the warm-up
     * @return the HTTP status code; 2xx counts as a success, anything else as an HTTP error
     * @throws IOException when no response came (refused, reset, timed out): counted as an I/O error
     */
    int send(boolean measured) throws IOException, InterruptedException;
}
