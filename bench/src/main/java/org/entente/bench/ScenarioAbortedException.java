package org.entente.bench;

/**
 * Thrown by a scenario that cannot run, before it sends any load; {@code entente-bench} prints the message and
 * exits with {@link EntenteBench#EXIT_ABORTED}. The message says what is wrong and how to fix it.
 */
public final class ScenarioAbortedException extends RuntimeException {

    public ScenarioAbortedException(String message) {
        super(message);
    }

    public ScenarioAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
