package org.entente.profile;

import java.util.Optional;
import java.util.UUID;

/**
 * What became of one event given to {@link Profiles#record}.
 *
 * @param personId the person the event was recorded for; empty for a duplicate
 */
public record RecordedEvent(String eventId, Outcome outcome, Optional<UUID> personId) {

    public enum Outcome { ACCEPTED, DUPLICATE }
}
