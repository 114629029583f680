package org.entente.profile;

import java.time.Instant;
import java.util.UUID;

/**
 * A merge or an identifier refused to protect a person from a runaway merge, kept for review.
 *
 * @param otherPersonId the person a refused merge would have absorbed; null when an identifier was refused
 * @param reason        {@code limit_exceeded}: the person would have had more identifiers of a type than allowed;
 *                      {@code kept_apart}: staff unmerged these two persons
 */
public record IdentityConflict(UUID id, UUID personId, UUID otherPersonId, Identifier identifier, String reason,
                               String eventId, Instant recordedAt) {
}
