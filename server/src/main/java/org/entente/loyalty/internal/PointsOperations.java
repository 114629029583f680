package org.entente.loyalty.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.loyalty.LedgerEntry;
import org.entente.loyalty.PointsChange;
import org.entente.loyalty.PointsHold;
import org.entente.platform.Actor;
import org.entente.platform.ProblemException;
import org.entente.profile.Profiles;
import org.springframework.dao.CannotAcquireLockException;
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
    private static final int MAX_ATTEMPTS = 4;

    private final ProgramStore programs;
    private final Profiles profiles;
    private final JsonMapper json;
    private final Clock clock;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    PointsOperations(LoyaltyStore store, ProgramStore programs, Profiles profiles, JsonMapper json, Clock clock) {
        this.store = store;
        this.programs = programs;
        this.profiles = profiles;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The account of the person, locked, with its lots and holds; empty when they have none (and so no points). If
     * the person was merged into another meanwhile, the survivor's account is the one locked.
     *
     * @param create whether to create the account if there is none
     */
    private Optional<Account> locked(UUID person, CompiledProgram program, boolean create, Instant now) {
        UUID root = person;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            boolean created = create && store.ensure(root, now, program.version());
            Account account = store.lock(List.of(root), program).get(root);
            UUID current = profiles.resolve(root).orElse(root);
            if (current.equals(root)) {
                if (account == null) {
                    return Optional.empty();
                }
                account.points = new PointsAccount(store.lots(List.of(root)).getOrDefault(root, List.of()),
                        store.runningHolds(root), account.points.debt(),
                        program.inactiveFrom(account.lastActivityAt));
                return Optional.of(account);
            }
            if (created) {
                store.deleteAccount(root);
            }
            root = current;
        }
        throw new CannotAcquireLockException("person " + person + " kept being merged");
    }

    /** The hold, read again under the lock of its person's account (a merge may have moved it meanwhile). */
    private Held lockedHold(UUID holdId, CompiledProgram program, Instant now) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            PointsHold hold = store.hold(holdId).orElseThrow(
                    () -> new ProblemException.NotFound("problem.loyalty.holdNotFound", holdId));
            Optional<Account> account = locked(hold.personId(), program, false, now);
            PointsHold again = store.hold(holdId).orElseThrow();
            if (account.isPresent() && again.personId().equals(account.get().personId)) {
                return new Held(again, account.get());
            }
        }
        throw new CannotAcquireLockException("hold " + holdId + " kept moving");
    }

    private record Held(PointsHold hold, Account account) {
    }

    public PointsChange redeem(UUID person, long points, String orderId) {
        CompiledProgram program = programs.current();
        Instant now = clock.instant();
        String source = LoyaltyStore.orderSource(orderId);
        Account account = locked(person, program, false, now).orElseThrow(() -> insufficient(0, points));
        person = account.personId;
        Optional<PointsChange> replay = replay(LedgerEntry.Kind.REDEEM, source, person, -points, account, now);
        if (replay.isPresent()) {
            return replay.get();
        }
        List<EntryRow> expired = active(account, now, program);
        PointsAccount.Debit debit = debit(account, points, now);
        ObjectNode details = json.createObjectNode().put("orderId", orderId).put("requested", -points);
        LoyaltyRecorder.lots(details, debit.taken());
        EntryRow entry = new EntryRow(ids.generate(), person, LedgerEntry.Kind.REDEEM, source, -points, 0, null, now,
                now, Actor.current().name(), null, json.writeValueAsString(details));
        write(account, entry, expired, now);
        return change(entry, account, now);
    }

    /**
     * @param reference the caller's key for this adjustment: the same reference again answers the first adjustment
     */
    public PointsChange adjust(UUID person, long points, String reason, String reference) {
        CompiledProgram program = programs.current();
        Instant now = clock.instant();
        String source = "adjustment:" + reference;
        Account account = locked(person, program, points > 0, now).orElseThrow(() -> insufficient(0, -points));
        person = account.personId;
        Optional<PointsChange> replay = replay(LedgerEntry.Kind.ADJUST, source, person, points, account, now);
        if (replay.isPresent()) {
            return replay.get();
        }
        ObjectNode details = json.createObjectNode().put("reference", reference).put("requested", points);
        long effect;
        UUID id = ids.generate();
        // Goodwill counts as activity: points given to a customer are not lost the moment they are given.
        List<EntryRow> expired = points > 0 ? active(account, now, program) : List.of();
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
        write(account, entry, expired, now);
        return change(entry, account, now);
    }

    /**
     * Gives back points that paid for goods since returned: a new lot, as an earning would make.
     *
     * @param reference the caller's key for this refund: the same reference again answers the first refund
     */
    public PointsChange refund(UUID person, long points, String reference, String reason) {
        CompiledProgram program = programs.current();
        Instant now = clock.instant();
        String source = "refund:" + reference;
        Account account = locked(person, program, true, now).orElseThrow();
        person = account.personId;
        Optional<PointsChange> replay = replay(LedgerEntry.Kind.REFUND, source, person, points, account, now);
        if (replay.isPresent()) {
            return replay.get();
        }
        ObjectNode details = json.createObjectNode().put("reference", reference).put("requested", points);
        UUID id = ids.generate();
        List<EntryRow> expired = active(account, now, program);
        PointsAccount.Credit credit = account.points.credit(id, points, now, program.expiresAt(now));
        if (credit.debtRepaid() > 0) {
            details.put("debtRepaid", credit.debtRepaid());
        }
        EntryRow entry = new EntryRow(id, person, LedgerEntry.Kind.REFUND, source, points - credit.debtRepaid(), 0,
                null, now, now, Actor.current().name(), reason, json.writeValueAsString(details));
        write(account, entry, expired, now);
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
        Account account = locked(person, program, false, now).orElseThrow(() -> insufficient(0, points));
        person = account.personId;
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
        CompiledProgram program = programs.current();
        Instant now = clock.instant();
        PointsHold hold = lockedHold(holdId, program, now).hold();
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
        CompiledProgram program = programs.current();
        Instant now = clock.instant();
        Held held = lockedHold(holdId, program, now);
        PointsHold hold = held.hold();
        Account account = held.account();
        // Keyed by the order, as a direct redemption is: an order is paid with points once, whichever way.
        String source = LoyaltyStore.orderSource(orderId);
        Optional<PointsChange> replay = replay(LedgerEntry.Kind.REDEEM, source, hold.personId(), -hold.points(),
                account, now);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (account.points.hold(holdId) == null) {
            throw ProblemException.Conflict.coded("hold_ended", "problem.loyalty.holdEnded", holdId);
        }
        List<EntryRow> expired = active(account, now, program);
        PointsAccount.Debit debit;
        try {
            debit = account.points.capture(holdId, now);
        } catch (PointsAccount.InsufficientPoints e) {
            throw insufficient(e.available(), e.requested());
        }
        store.setHoldState(holdId, PointsHold.State.CAPTURED);
        ObjectNode details = json.createObjectNode().put("orderId", orderId).put("hold", holdId.toString())
                .put("holdSource", hold.source()).put("requested", -hold.points());
        LoyaltyRecorder.lots(details, debit.taken());
        EntryRow entry = new EntryRow(ids.generate(), hold.personId(), LedgerEntry.Kind.REDEEM, source,
                -hold.points(), -hold.points(), null, now, now, Actor.current().name(), null,
                json.writeValueAsString(details));
        write(account, entry, expired, now);
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

    /** Records activity, after expiring what the end of the previous activity closed: the entries of that. */
    private List<EntryRow> active(Account account, Instant now, CompiledProgram program) {
        return account.activeAt(now, now, program).stream()
                .map(expired -> EntryRow.expired(ids.generate(), account.personId, expired, now, json)).toList();
    }

    private void write(Account account, EntryRow entry, List<EntryRow> expired, Instant now) {
        store.updateLots(account.points.changedLots());
        store.updateAccounts(List.of(account), now);
        Map<UUID, PointsAccount.Lot> lots = new java.util.HashMap<>();
        account.points.createdLots().forEach(lot -> lots.put(lot.id(), lot));
        List<EntryRow> entries = new java.util.ArrayList<>(expired);
        entries.add(entry);
        store.insertEntries(entries, lots);
    }

    static ProblemException.Conflict insufficient(long available, long requested) {
        return ProblemException.Conflict.coded("insufficient_points", "problem.loyalty.insufficientPoints",
                available, requested);
    }
}
