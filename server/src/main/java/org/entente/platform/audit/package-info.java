/**
 * Reading the audit log: {@link org.entente.platform.audit.AuditTrail}, {@link org.entente.platform.audit.AuditQuery}
 * and {@link org.entente.platform.audit.AuditEntry}. Exposed to the back office, whose administration pages read the
 * log through the same trail as the admin API. Writing goes through {@link org.entente.platform.AuditLog}.
 */
@org.springframework.modulith.NamedInterface("audit")
package org.entente.platform.audit;
