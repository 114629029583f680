package org.entente.platform.audit;

import org.entente.platform.Actor;

import java.time.Instant;

/**
 * One entry of the audit log, as read by admins.
 *
 * @param target        may be null
 * @param details       the JSON text recorded with the action; may be null
 * @param remoteAddress the client address of the request that caused it; null outside a request
 */
public record AuditEntry(long id, Instant occurredAt, Actor.Type actorType, String actor, String action, String target,
                         String details, String remoteAddress) {
}
