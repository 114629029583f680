package org.entente.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a transaction again when it collided with a concurrent one: two writers creating the same new person, event
 * or identifier collide on a primary key, two writers locking the same persons may deadlock. The loser's transaction
 * is retried after a jittered pause and then sees what the winner wrote. Any other failure is thrown at once.
 */
public final class Collisions {

    /** H2 reports a row changed by a concurrent transaction with this code, which Spring does not translate. */
    private static final int H2_CONCURRENT_UPDATE = 90131;
    private static final long MAX_BACKOFF_MILLIS = 250;
    private static final Logger log = LoggerFactory.getLogger(Collisions.class);

    private Collisions() {
    }

    /**
     * @param work a whole transaction (never a part of the caller's: a failed transaction cannot go on)
     * @throws DataAccessException the last collision after {@code attempts}, or any other failure at once
     */
    public static <T> T retry(int attempts, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (DataAccessException e) {
                if (attempt >= attempts || !retryable(e)) {
                    log.warn("Transaction failed after {} attempt(s): {}", attempt, e.getMessage());
                    throw e;
                }
                log.debug("Transaction collided with a concurrent one (attempt {}): {}", attempt, e.getMessage());
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(MAX_BACKOFF_MILLIS, 10L << attempt)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Only collisions with a concurrent transaction: any other broken constraint would fail again the same way. */
    static boolean retryable(DataAccessException e) {
        if (e instanceof DuplicateKeyException || e instanceof ConcurrencyFailureException
                || e instanceof TransientDataAccessException) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_CONCURRENT_UPDATE) {
                return true;
            }
        }
        return false;
    }
}
