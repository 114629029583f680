package org.entente.loyalty.internal;

import org.entente.loyalty.LedgerEntry;

import java.time.Instant;
import java.util.UUID;

/** A ledger entry to write. */
record EntryRow(UUID id, UUID personId, LedgerEntry.Kind kind, String source, long points, long held, String rule,
                Instant occurredAt, Instant recordedAt, String actor, String reason, String details) {

    /** The entry of points that expired, dated when they did. */
    static EntryRow expired(UUID id, UUID person, PointsAccount.Expired expired, Instant now,
                            tools.jackson.databind.json.JsonMapper json) {
        return new EntryRow(id, person, LedgerEntry.Kind.EXPIRE, "lot:" + expired.lot(), -expired.points(), 0, null, expired.at(), now,
                org.entente.platform.Actor.system().name(), null,
                json.writeValueAsString(json.createObjectNode().put("lot", expired.lot().toString())));
    }

    EntryRow withPerson(UUID person) {
        return new EntryRow(id, person, kind, source, points, held, rule, occurredAt, recordedAt, actor, reason,
                details);
    }

    /** The entry as the ledger shows it, with its lot as it is now (if it made one). */
    LedgerEntry view(PointsAccount.Lot lot) {
        return new LedgerEntry(id, personId, kind, points, held, lot == null ? null : lot.remaining(),
                lot == null ? null : lot.expiresAt(), source, rule, occurredAt, recordedAt, actor, reason, details);
    }
}
