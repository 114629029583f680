package org.entente.outreach;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A sender asks whether it may contact a person. Checked by {@link Outreach#decide}: every fault is reported field by
 * field.
 *
 * @param profileId      the person, or null when {@code identifiers} name them
 * @param identifiers    identifier type to raw value, when the sender does not know the profile id
 * @param messageClass   {@code transactional}, {@code service}, {@code marketing} or {@code solicited} (an answer
 *                       to a contact the person initiated); JSON {@code class}
 * @param topic          one of {@code entente.outreach.topics}; may be null for other than marketing
 * @param idempotencyKey the sender's key for this message: the same key always gets the same verdict, and one slot
 * @param sendAt         when the message would go out (default: now)
 */
public record DecisionRequest(UUID profileId, Map<String, String> identifiers, String channel,
                              @com.fasterxml.jackson.annotation.JsonProperty("class") String messageClass,
                              String topic, String campaign, String idempotencyKey, Instant sendAt) {
}
