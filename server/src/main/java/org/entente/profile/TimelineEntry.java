package org.entente.profile;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of a person's timeline, as it was recorded.
 *
 * @param personId    the person record the event was recorded for (one of the merged group)
 * @param identifiers the normalised identifiers the event came with, as a JSON object
 * @param properties  the event's properties, as a JSON object
 */
public record TimelineEntry(String id, String type, Channel channel, Instant occurredAt, Instant receivedAt,
                            UUID personId, @JsonRawValue String identifiers, @JsonRawValue String properties) {
}
