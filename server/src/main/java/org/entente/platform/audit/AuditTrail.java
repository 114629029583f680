package org.entente.platform.audit;

import org.entente.platform.CursorPage;

/** Reading the audit log, for admins. */
public interface AuditTrail {

    /** Entries matching the query, newest first. */
    CursorPage<AuditEntry> find(AuditQuery query, String cursor, int limit);
}
