package org.entente.loyalty.internal;

import java.time.Instant;
import java.util.List;
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

    /**
     * Records activity (a purchase, a redemption, a bonus, a goodwill adjustment) at {@code at}. If it comes after
     * the end of the activity had closed the lots, they are expired first, as of {@code now}: new activity does not
     * bring expired points back. Needs the lots loaded when that end has passed.
     *
     * @return what expired
     */
    List<PointsAccount.Expired> activeAt(Instant at, Instant now, CompiledProgram program) {
        List<PointsAccount.Expired> expired = List.of();
        Instant end = points.inactiveFrom();
        if (end != null && !at.isBefore(end)) {
            expired = points.expire(at.isAfter(now) ? at : now);
        }
        if (lastActivityAt == null || at.isAfter(lastActivityAt)) {
            lastActivityAt = at;
        }
        points.active(program.inactiveFrom(lastActivityAt));
        return expired;
    }

    /** Whether the end of the activity has passed at {@code now}, so that new activity must expire lots first. */
    boolean idleAt(Instant now) {
        Instant end = points.inactiveFrom();
        return end != null && !now.isBefore(end);
    }
}
