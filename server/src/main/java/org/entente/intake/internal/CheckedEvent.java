package org.entente.intake.internal;

import org.entente.profile.IncomingEvent;

/** One event of a request after validation: ready to record, or refused with a reason. */
public sealed interface CheckedEvent {

    /** The client's id, or null when it sent none (or an unusable one). */
    String id();

    record Valid(IncomingEvent event) implements CheckedEvent {
        @Override
        public String id() {
            return event.id();
        }
    }

    /**
     * @param type    the event type as sent, when it was readable
     * @param payload the event as sent, for the sender to see what was refused
     */
    record Rejected(String id, String type, Rejection rejection, String payload) implements CheckedEvent {
    }
}
