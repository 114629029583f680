package org.entente.loyalty.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * One {@code loyalty_account} row while it is being changed: read under its lock, changed in memory, written once.
 * Its points are in {@link #points}, which holds only the lots that were loaded (none when only credits happen).
 */
final class Account {

    final UUID personId;
    final Instant createdAt;
    final boolean created;
    String tier;
    Instant tierSince;
    Instant reviewAt;
    Instant atRiskSince;
    String cardNumber;
    Instant cardIssuedAt;
    Instant lastActivityAt;
    int programVersion;
    QualificationWindow window;
    PointsAccount points;

    Account(UUID personId, Instant createdAt, boolean created) {
        this.personId = personId;
        this.createdAt = createdAt;
        this.created = created;
    }

    static Account created(UUID personId, Instant now, int programVersion) {
        Account account = new Account(personId, now, true);
        account.programVersion = programVersion;
        account.window = QualificationWindow.empty();
        account.points = new PointsAccount(java.util.List.of(), java.util.List.of(), 0, null);
        return account;
    }

    void activeAt(Instant at, CompiledProgram program) {
        if (lastActivityAt == null || at.isAfter(lastActivityAt)) {
            lastActivityAt = at;
        }
        points.active(program.inactiveFrom(lastActivityAt));
    }
}
