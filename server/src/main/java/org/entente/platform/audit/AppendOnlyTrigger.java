package org.entente.platform.audit;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/** H2's counterpart of the PostgreSQL trigger that makes {@code platform_audit_event} append-only. */
public final class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("platform_audit_event is append-only");
    }
}
