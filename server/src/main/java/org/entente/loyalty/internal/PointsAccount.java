package org.entente.loyalty.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The points of one person in memory: open lots, debt and holds, and the rules that move them. The balance is
 * always the sum of the lots still open; nothing here can make a lot negative or spend points that are not there.
 * Pure and single-threaded: the caller loads it under the person's lock and writes back what {@link #changedLots()}
 * and the results say.
 */
public final class PointsAccount {

    /** Which lots a debit takes first: the ones expiring first, never-expiring ones last, then the oldest. */
    static final Comparator<Lot> SPENDING_ORDER = Comparator
            .comparing(Lot::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Lot::earnedAt)
            .thenComparing(Lot::id);

    /**
     * Points earned together, with their expiry (null: never).
     *
     * @param points    what the lot was created with
     * @param remaining what is left of it, from 0 to {@code points}
     */
    public record Lot(UUID id, Instant earnedAt, Instant expiresAt, long points, long remaining) {
        public Lot {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(earnedAt, "earnedAt");
            if (points <= 0 || remaining < 0 || remaining > points) {
                throw new IllegalArgumentException("lot " + id + ": " + remaining + " of " + points);
            }
        }

        Lot withRemaining(long value) {
            return new Lot(id, earnedAt, expiresAt, points, value);
        }
    }

    /** Points set aside for a basket until {@code expiresAt}; they stay in their lots until captured. */
    public record Hold(UUID id, String source, long points, Instant expiresAt) {
        public Hold {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (points <= 0) {
                throw new IllegalArgumentException("a hold needs points: " + points);
            }
        }
    }

    /** Points taken from one lot by a debit. */
    public record Taken(UUID lot, long points) {
    }

    /**
     * What a credit did.
     *
     * @param lot        the lot created (null when everything went to the debt)
     * @param debtRepaid the part of the credit that cleared debt
     */
    public record Credit(long points, Lot lot, long debtRepaid) {
    }

    /**
     * What a debit did.
     *
     * @param taken     the lots it consumed, in order
     * @param shortfall what could not be taken because the balance was too low
     */
    public record Debit(long requested, List<Taken> taken, long shortfall) {
        public long points() {
            return requested - shortfall;
        }
    }

    /** Thrown when a debit that may not fall short asks for more than is available. */
    public static final class InsufficientPoints extends RuntimeException {
        private final long available;
        private final long requested;

        InsufficientPoints(long available, long requested) {
            super("available " + available + ", requested " + requested, null, false, false);
            this.available = available;
            this.requested = requested;
        }

        public long available() {
            return available;
        }

        public long requested() {
            return requested;
        }
    }

    private final Map<UUID, Lot> lots = new LinkedHashMap<>();
    private final Map<UUID, Hold> holds = new LinkedHashMap<>();
    private final Set<UUID> changed = new LinkedHashSet<>();
    private final List<Lot> created = new ArrayList<>();
    private long debt;
    private Instant inactiveFrom;

    /**
     * @param lots         the person's lots with something remaining (expired ones included, until expired here)
     * @param holds        the person's holds not yet released or captured
     * @param inactiveFrom when every lot expires for want of activity (null: no such rule, or no activity yet)
     */
    public PointsAccount(List<Lot> lots, List<Hold> holds, long debt, Instant inactiveFrom) {
        lots.forEach(lot -> this.lots.put(lot.id(), lot));
        holds.forEach(hold -> this.holds.put(hold.id(), hold));
        if (debt < 0) {
            throw new IllegalArgumentException("negative debt " + debt);
        }
        this.debt = debt;
        this.inactiveFrom = inactiveFrom;
    }

    /** Whether a lot still counts at {@code now}: something remains and neither its expiry nor inactivity passed. */
    public boolean isOpen(Lot lot, Instant now) {
        return lot.remaining() > 0 && (lot.expiresAt() == null || now.isBefore(lot.expiresAt()))
                && (inactiveFrom == null || now.isBefore(inactiveFrom));
    }

    /** The sum of the lots open at {@code now}. */
    public long balance(Instant now) {
        return lots.values().stream().filter(lot -> isOpen(lot, now)).mapToLong(Lot::remaining).sum();
    }

    /** Points held by holds still running at {@code now}. */
    public long held(Instant now) {
        return holds.values().stream().filter(hold -> now.isBefore(hold.expiresAt())).mapToLong(Hold::points).sum();
    }

    /** What may be redeemed or held now: the balance less what is held. */
    public long available(Instant now) {
        return Math.max(0, balance(now) - held(now));
    }

    public long debt() {
        return debt;
    }

    /** The lots open at {@code now}, in the order they would be spent. */
    public List<Lot> openLots(Instant now) {
        return lots.values().stream().filter(lot -> isOpen(lot, now)).sorted(SPENDING_ORDER).toList();
    }

    /** Every lot loaded or created here, open or not. */
    List<Lot> lots() {
        return List.copyOf(lots.values());
    }

    public Hold hold(UUID id) {
        return holds.get(id);
    }

    /** A purchase or a redemption happened: inactivity is counted again from then. */
    public void active(Instant inactiveFrom) {
        if (this.inactiveFrom == null || (inactiveFrom != null && inactiveFrom.isAfter(this.inactiveFrom))) {
            this.inactiveFrom = inactiveFrom;
        }
    }

    /**
     * Adds points: they clear the debt first; what is left becomes a new lot.
     *
     * @param expiresAt null: never
     */
    public Credit credit(UUID lotId, long points, Instant earnedAt, Instant expiresAt) {
        if (points <= 0) {
            throw new IllegalArgumentException("a credit needs points: " + points);
        }
        long repaid = Math.min(debt, points);
        debt -= repaid;
        Lot lot = null;
        if (points > repaid) {
            lot = new Lot(lotId, earnedAt, expiresAt, points - repaid, points - repaid);
            lots.put(lot.id(), lot);
            created.add(lot);
        }
        return new Credit(points, lot, repaid);
    }

    /**
     * Takes points from the open lots, the ones expiring first first.
     *
     * @param respectHolds whether held points are off limits (a redemption) or not (a return taking points back)
     * @param mayFallShort false: refuse with {@link InsufficientPoints} if the points are not all there; true: take
     *                     what there is and answer the shortfall
     */
    public Debit debit(long points, Instant now, boolean respectHolds, boolean mayFallShort) {
        if (points <= 0) {
            throw new IllegalArgumentException("a debit needs points: " + points);
        }
        long reachable = respectHolds ? available(now) : balance(now);
        if (points > reachable && !mayFallShort) {
            throw new InsufficientPoints(reachable, points);
        }
        long toTake = Math.min(points, reachable);
        List<Taken> taken = new ArrayList<>();
        for (Lot lot : openLots(now)) {
            if (toTake == 0) {
                break;
            }
            long part = Math.min(toTake, lot.remaining());
            replace(lot.withRemaining(lot.remaining() - part));
            taken.add(new Taken(lot.id(), part));
            toTake -= part;
        }
        return new Debit(points, taken, points - Math.min(points, reachable));
    }

    /** Records a shortfall as debt, to be cleared by the next credits. */
    public void owe(long points) {
        if (points < 0) {
            throw new IllegalArgumentException("negative debt " + points);
        }
        debt += points;
    }

    /** Points of a lot that expired, and when: its own expiry, or the end of the activity, whichever came first. */
    public record Expired(UUID lot, long points, Instant at) {
    }

    /** Empties the lots no longer open at {@code now} though something remained: what expired, lot by lot. */
    public List<Expired> expire(Instant now) {
        List<Expired> expired = new ArrayList<>();
        for (Lot lot : List.copyOf(lots.values())) {
            if (lot.remaining() > 0 && !isOpen(lot, now)) {
                expired.add(new Expired(lot.id(), lot.remaining(), expiry(lot)));
                replace(lot.withRemaining(0));
            }
        }
        return expired;
    }

    /** When a lot stops being open if nothing happens: its expiry or the end of the activity (null: never). */
    public Instant expiry(Lot lot) {
        if (lot.expiresAt() == null) {
            return inactiveFrom;
        }
        return inactiveFrom == null || lot.expiresAt().isBefore(inactiveFrom) ? lot.expiresAt() : inactiveFrom;
    }

    /** When every lot expires for want of activity, if the program has the rule and there was activity. */
    public Instant inactiveFrom() {
        return inactiveFrom;
    }

    /**
     * Sets points aside. Refused with {@link InsufficientPoints} beyond what is available.
     */
    public Hold hold(UUID id, String source, long points, Instant now, Instant expiresAt) {
        long available = available(now);
        if (points > available) {
            throw new InsufficientPoints(available, points);
        }
        Hold hold = new Hold(id, source, points, expiresAt);
        holds.put(id, hold);
        return hold;
    }

    /** Ends a hold; its points become available again. */
    public Hold release(UUID id) {
        Hold hold = holds.remove(id);
        if (hold == null) {
            throw new IllegalArgumentException("no running hold " + id);
        }
        return hold;
    }

    /**
     * Spends the points of a hold: the hold ends and its points leave the lots. Refused with
     * {@link InsufficientPoints} when the lots no longer hold them (they expired meanwhile) or the hold ran out.
     */
    public Debit capture(UUID id, Instant now) {
        Hold hold = holds.get(id);
        if (hold == null) {
            throw new IllegalArgumentException("no running hold " + id);
        }
        if (!now.isBefore(hold.expiresAt())) {
            throw new InsufficientPoints(0, hold.points());
        }
        long others = held(now) - hold.points();
        long reachable = Math.max(0, balance(now) - others);
        if (hold.points() > reachable) {
            throw new InsufficientPoints(reachable, hold.points());
        }
        holds.remove(id);
        return debit(hold.points(), now, true, false);
    }

    /** The lots created here. */
    public List<Lot> createdLots() {
        return List.copyOf(created);
    }

    /** The lots that existed before and whose remaining points changed here. */
    public List<Lot> changedLots() {
        Set<UUID> fresh = new java.util.HashSet<>();
        created.forEach(lot -> fresh.add(lot.id()));
        return changed.stream().filter(id -> !fresh.contains(id)).map(lots::get).toList();
    }

    /** Takes in the lots, holds and debt of a person merged into this one. */
    public void absorb(PointsAccount other) {
        other.lots.values().forEach(lot -> lots.put(lot.id(), lot));
        other.holds.values().forEach(hold -> holds.put(hold.id(), hold));
        other.created.forEach(created::add);
        changed.addAll(other.changed);
        debt += other.debt;
        active(other.inactiveFrom);
    }

    private void replace(Lot lot) {
        lots.put(lot.id(), lot);
        changed.add(lot.id());
        for (int i = 0; i < created.size(); i++) {
            if (created.get(i).id().equals(lot.id())) {
                created.set(i, lot);
            }
        }
    }
}
