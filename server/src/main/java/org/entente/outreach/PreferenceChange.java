package org.entente.outreach;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of a person's preferences: who made it, through which channel, what they were before (null for the first
 * choice) and after, as JSON.
 */
public record PreferenceChange(UUID id, UUID personId, Instant changedAt, String actor, String source,
                               @JsonRawValue String before, @JsonRawValue String after) {
}
