package org.entente.loyalty.internal;

import org.entente.loyalty.Program;
import org.entente.loyalty.TierEarned;
import org.entente.loyalty.TierLost;

import java.time.Instant;
import java.util.Optional;

/**
 * How tiers move: up at once when an order (or a merge) qualifies, down only through the review, after the grace.
 * Pure: it changes the account in memory and answers the domain event, if any.
 */
final class TierRules {

    private TierRules() {
    }

    /**
     * Raises the tier if the orders now qualify for a higher one, and says until when the tier held stays met.
     * Never lowers it.
     */
    static Optional<TierEarned> raise(Account account, CompiledProgram program, Instant at, Optional<String> orderId) {
        Optional<Program.Tier> qualified = program.qualifiedTier(account.window, at);
        Optional<TierEarned> earned = Optional.empty();
        if (qualified.isPresent() && program.rank(qualified.get().code()) > program.rank(account.tier)) {
            Optional<String> previous = Optional.ofNullable(account.tier);
            account.tier = qualified.get().code();
            account.tierSince = at;
            earned = Optional.of(new TierEarned(account.personId, account.tier, previous, at, orderId));
        }
        scheduleReview(account, program, at);
        return earned;
    }

    /**
     * When the review must look at the account next: when the tier stops being met, or when its grace ends if it
     * already stopped.
     */
    static void scheduleReview(Account account, CompiledProgram program, Instant now) {
        if (account.tier == null) {
            account.reviewAt = null;
            account.atRiskSince = null;
            return;
        }
        Optional<Instant> until = program.rank(account.tier) < 0 ? Optional.empty()
                : program.justifiedUntil(account.tier, account.window, now);
        if (until.isPresent()) {
            account.atRiskSince = null;
            account.reviewAt = until.get();
        } else if (account.atRiskSince == null) {
            account.reviewAt = account.reviewAt == null || account.reviewAt.isAfter(now) ? now : account.reviewAt;
        } else {
            account.reviewAt = account.atRiskSince.plus(program.grace());
        }
    }

    /**
     * The review: a tier no longer met is at risk from the moment it stopped being met, and lowered to what the
     * orders still qualify for once the grace has passed; a tier met again is safe. Running it again at the same
     * moment changes nothing.
     */
    static Optional<TierLost> review(Account account, CompiledProgram program, Instant now) {
        account.window = account.window.prunedBefore(now.minus(program.longestWindow()));
        account.programVersion = program.version();
        if (account.tier == null) {
            account.reviewAt = null;
            account.atRiskSince = null;
            return Optional.empty();
        }
        Optional<Instant> until = program.rank(account.tier) < 0 ? Optional.empty()
                : program.justifiedUntil(account.tier, account.window, now);
        if (until.isPresent()) {
            account.atRiskSince = null;
            account.reviewAt = until.get();
            return Optional.empty();
        }
        if (account.atRiskSince == null) {
            // It stopped being met when the review was due (the moment its orders left the window or were
            // disputed), not when the job happened to run.
            account.atRiskSince = account.reviewAt != null && account.reviewAt.isBefore(now) ? account.reviewAt : now;
        }
        Instant lowersAt = account.atRiskSince.plus(program.grace());
        if (now.isBefore(lowersAt)) {
            account.reviewAt = lowersAt;
            return Optional.empty();
        }
        String lost = account.tier;
        Optional<Program.Tier> qualified = program.qualifiedTier(account.window, now);
        account.tier = qualified.map(Program.Tier::code).orElse(null);
        account.tierSince = account.tier == null ? null : now;
        account.atRiskSince = null;
        scheduleReview(account, program, now);
        return Optional.of(new TierLost(account.personId, lost, Optional.ofNullable(account.tier), now));
    }
}
