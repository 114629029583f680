package org.entente.profile;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Domain event: an event was recorded for a person. Published inside the recording transaction, once per event id
 * (a duplicate publishes nothing), in the order the events were recorded, after the merges they caused.
 *
 * @param personId the person (the root of its group) the event counts for
 */
public record EventRecorded(UUID personId, String eventId, String type, Instant occurredAt, Channel channel,
                            EventFacts facts) {

    public EventRecorded {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(facts, "facts");
    }
}
