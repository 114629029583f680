package org.entente.loyalty.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.loyalty.LedgerEntry;
import org.entente.loyalty.PointsChange;
import org.entente.loyalty.PointsHold;
import org.entente.platform.Actor;
import org.entente.platform.ProblemException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Redemptions, holds and staff adjustments: each locks the person's account first, so that two tills can never
 * spend the same points; the loser of a race sees the points gone and is refused. All in the caller's transaction.
 */
@Component
public class PointsOperations {

    private final LoyaltyStore store;
    private final ProgramStore programs;
    private final JsonMapper json;
    private final Clock clock;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    PointsOperations(LoyaltyStore store, ProgramStore programs, JsonMapper json, Clock clock) {
        this.store = store;
        this.programs = programs;
        this.json = json;
        this.clock = clock;
    }

    /** The account locked, with its lots and holds; empty when the person has none (and so no points). */
    private Optional<Account> locked(UUID person, CompiledProgram program) {
        Account account = store.lock(List.of(person), program).get(person);
        if (account == null) {
            return Optional.empty();
        }
        account.points = new PointsAccount(store.lots(List.of(person)).getOrDefault(person, List.of()),
                store.runningHolds(person), account.points.debt(), program.inactiveFrom(account.lastActivityAt));
        return Optional.of(account);
    }

    public PointsChange redeem(UUID person, long points, String orderId) {
        CompiledProgram program = programs.current();
        Instant now = clock.instant();
        String source = LoyaltyStore.orderSource(orderId);
        Account account = locked(person, program).orElseThrow(() -> insufficient(0, points));
        Optional<PointsChange> replay = replay(LedgerEntry.Kind.REDEEM, source, person, -points, account, now);
        if (replay.isPresent()) {
            return replay.get();
        }
        PointsAccount.Debit debit = debit(account, points, now);
        account.activeAt(now, program);
        ObjectNode details = json.createObjectNode().put("orderId", orderId).put("requested", -points);
        LoyaltyRecorder.lots(details, debit.taken());
        EntryRow entry = new EntryRow(ids.generate(), person, LedgerEntry.Kind.REDEEM, source, -points, 0, null, now,
                now, Actor.current().name(), null, json.writeValueAsString(details));
        write(account, entry, now);
        return change(entry, account, now);
    }

    /**
     * @param reference the caller's key for this adjustment: the same reference again answers the first adjustment
     */
    public PointsChange adjust(UUID person, long points, String reason, String reference) {
        CompiledProgram program = programs.current();
        Instant now = clock.instant();
        String source = "adjustment:" + reference;
        if (points > 0) {
            store.ensure(person, now, program.version());
        }
        Account account = locked(person, program).orElseThrow(() -> insufficient(0, -points));
        Optional<PointsChange> replay = replay(LedgerEntry.Kind.ADJUST, source, person, points, account, now);
        if (replay.isPresent()) {
            return replay.get();
        }
        ObjectNode details = json.createObjectNode().put("reference", reference).put("requested", points);
        long effect;
        UUID id = ids.generate();
        if (points > 0) {
            PointsAccount.Credit credit = account.points.credit(id, points, now, program.expiresAt(now));
            effect = points - credit.debtRepaid();
            if (credit.debtRepaid() > 0) {
                details.put("debtRepaid", credit.debtRepaid());
            }
        } else {
            PointsAccount.Debit debit = debit(account, -points, now);
            LoyaltyRecorder.lots(details, debit.taken());
            effect = points;
        }
        EntryRow entry = new EntryRow(id, person, LedgerEntry.Kind.ADJUST, source, effect, 0, null, now, now,
                Actor.current().name(), reason, json.writeValueAsString(details));
        write(account, entry, now);
        return change(entry, account, now);
    }

    /** Sets points aside for a basket; the same source again answers the same hold. */
    public PointsHold hold(UUID person, long points, String source, Duration ttl) {
        CompiledProgram program = programs.current();
        Instant now = clock.instant();
        Optional<PointsHold> existing = store.holdBySource(source);
        if (existing.isPresent()) {
            return sameHold(existing.get(), person, points);
        }
        Account account = locked(person, program).orElseThrow(() -> insufficient(0, points));
        existing = store.holdBySource(source);
        if (existing.isPresent()) {
            return sameHold(existing.get(), person, points);
        }
        UUID id = ids.generate();
        try {
            account.points.hold(id, source, points, now, now.plus(ttl));
        } catch (PointsAccount.InsufficientPoints e) {
            throw insufficient(e.available(), e.requested());
        }
        PointsHold hold = new PointsHold(id, person, source, points, now, now.plus(ttl), PointsHold.State.HELD);
        store.insertHold(hold);
        store.insertEntry(new EntryRow(ids.generate(), person, LedgerEntry.Kind.HOLD, "hold:" + id, 0,
                points, null, now, now, Actor.current().name(), null,
                json.writeValueAsString(json.createObjectNode().put("holdSource", source)
                        .put("expiresAt", hold.expiresAt().toString()))));
        return hold;
    }

    private PointsHold sameHold(PointsHold hold, UUID person, long points) {
        if (!hold.personId().equals(person) || hold.points() != points) {
            throw ProblemException.Conflict.coded("source_reused", "problem.loyalty.sourceReused");
        }
        return hold;
    }

    /** Ends a hold without spending it. Idempotent: a hold already ended is answered as it is. */
    public PointsHold release(UUID holdId, String reason) {
        PointsHold hold = store.hold(holdId).orElseThrow(
                () -> new ProblemException.NotFound("problem.loyalty.holdNotFound", holdId));
        CompiledProgram program = programs.current();
        Instant now = clock.instant();
        store.lock(List.of(hold.personId()), program);
        hold = store.hold(holdId).orElseThrow();
        if (hold.state() != PointsHold.State.HELD) {
            return hold;
        }
        store.setHoldState(holdId, PointsHold.State.RELEASED);
        store.insertEntry(new EntryRow(ids.generate(), hold.personId(), LedgerEntry.Kind.RELEASE,
                "hold:" + holdId, 0, -hold.points(), null, now, now, Actor.current().name(), reason,
                json.writeValueAsString(json.createObjectNode().put("holdSource", hold.source()))));
        return new PointsHold(hold.id(), hold.personId(), hold.source(), hold.points(), hold.createdAt(),
                hold.expiresAt(), PointsHold.State.RELEASED);
    }

    /** Spends a hold's points for an order. Refused when it ran out or its points expired meanwhile. */
    public PointsChange capture(UUID holdId, String orderId) {
        PointsHold hold = store.hold(holdId).orElseThrow(
                () -> new ProblemException.NotFound("problem.loyalty.holdNotFound", holdId));
        CompiledProgram program = programs.current();
        Instant now = clock.instant();
        String source = "hold:" + holdId;
        Account account = locked(hold.personId(), program).orElseThrow();
        Optional<PointsChange> replay = replay(LedgerEntry.Kind.REDEEM, source, hold.personId(), -hold.points(),
                account, now);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (account.points.hold(holdId) == null) {
            throw ProblemException.Conflict.coded("hold_ended", "problem.loyalty.holdEnded", holdId);
        }
        PointsAccount.Debit debit;
        try {
            debit = account.points.capture(holdId, now);
        } catch (PointsAccount.InsufficientPoints e) {
            throw insufficient(e.available(), e.requested());
        }
        account.activeAt(now, program);
        store.setHoldState(holdId, PointsHold.State.CAPTURED);
        ObjectNode details = json.createObjectNode().put("orderId", orderId).put("holdSource", hold.source())
                .put("requested", -hold.points());
        LoyaltyRecorder.lots(details, debit.taken());
        EntryRow entry = new EntryRow(ids.generate(), hold.personId(), LedgerEntry.Kind.REDEEM, source,
                -hold.points(), -hold.points(), null, now, now, Actor.current().name(), null,
                json.writeValueAsString(details));
        write(account, entry, now);
        return change(entry, account, now);
    }

    /**
     * The answer to a request already carried out (the same kind and source), if it was; a request reusing a
     * source for something else is refused.
     */
    private Optional<PointsChange> replay(LedgerEntry.Kind kind, String source, UUID person, long requested,
                                          Account account, Instant now) {
        return store.entry(kind, source).map(entry -> {
            if (!entry.personId().equals(person) || json.readTree(entry.details()).path("requested")
                    .asLong(Long.MIN_VALUE) != requested) {
                throw ProblemException.Conflict.coded("source_reused", "problem.loyalty.sourceReused");
            }
            return new PointsChange(entry, account.points.balance(now), account.points.available(now), true);
        });
    }

    private static PointsAccount.Debit debit(Account account, long points, Instant now) {
        try {
            return account.points.debit(points, now, true, false);
        } catch (PointsAccount.InsufficientPoints e) {
            throw insufficient(e.available(), e.requested());
        }
    }

    private static PointsChange change(EntryRow entry, Account account, Instant now) {
        PointsAccount.Lot lot = account.points.createdLots().stream().filter(l -> l.id().equals(entry.id()))
                .findFirst().orElse(null);
        return new PointsChange(entry.view(lot), account.points.balance(now), account.points.available(now), false);
    }

    private void write(Account account, EntryRow entry, Instant now) {
        store.updateLots(account.points.changedLots());
        store.updateAccounts(List.of(account), now);
        Map<UUID, PointsAccount.Lot> lots = new java.util.HashMap<>();
        account.points.createdLots().forEach(lot -> lots.put(lot.id(), lot));
        store.insertEntries(List.of(entry), lots);
    }

    static ProblemException.Conflict insufficient(long available, long requested) {
        return ProblemException.Conflict.coded("insufficient_points", "problem.loyalty.insufficientPoints",
                available, requested);
    }
}
