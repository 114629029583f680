package org.entente.platform.audit;

import java.time.Instant;

/** Filters of an audit search; each may be null (no filter). {@code from} is inclusive, {@code to} exclusive. */
public record AuditQuery(String action, String actor, Instant from, Instant to) {
}
