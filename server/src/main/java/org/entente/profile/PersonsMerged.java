package org.entente.profile;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Domain event: the group rooted at {@code mergedId} was merged into the one rooted at {@code survivorId}, because an
 * event named both. Published inside the recording transaction, before the event that caused it.
 */
public record PersonsMerged(UUID survivorId, UUID mergedId, String eventId, Instant at) {

    public PersonsMerged {
        Objects.requireNonNull(survivorId, "survivorId");
        Objects.requireNonNull(mergedId, "mergedId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
    }
}
