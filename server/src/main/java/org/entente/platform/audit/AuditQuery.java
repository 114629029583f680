package org.entente.platform.audit;

import java.time.Instant;

/**
 * Filters of an audit search; each may be null (no filter). {@code from} is inclusive, {@code to} exclusive;
 * {@code target} is what the action was done to, exactly.
 */
public record AuditQuery(String action, String actor, Instant from, Instant to, String target) {
}
