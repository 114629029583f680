package org.entente.loyalty.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Properties of the points ledger: whatever the sequence of earnings, redemptions, returns, expiries and holds, and
 * whatever the interleaving of two tills, the balance is the sum of the open lots, never negative, and nothing is
 * spent that was not there.
 */
class PointsAccountTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    sealed interface Step permits Earn, Redeem, Reverse, Wait, Expire {
    }

    record Earn(long points, int monthsToLive) implements Step {
    }

    record Redeem(long points) implements Step {
    }

    record Reverse(long points) implements Step {
    }

    record Wait(int days) implements Step {
    }

    record Expire() implements Step {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> earn = Combinators.combine(Arbitraries.longs().between(1, 500),
                Arbitraries.integers().between(0, 24)).as(Earn::new);
        Arbitrary<Step> redeem = Arbitraries.longs().between(1, 800).map(Redeem::new);
        Arbitrary<Step> reverse = Arbitraries.longs().between(1, 400).map(Reverse::new);
        Arbitrary<Step> wait = Arbitraries.integers().between(1, 400).map(Wait::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, earn), net.jqwik.api.Tuple.of(4, redeem),
                net.jqwik.api.Tuple.of(2, reverse), net.jqwik.api.Tuple.of(2, wait),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Expire()))).list().ofMaxSize(60);
    }

    @Property(tries = 500)
    void theBalanceIsTheSumOfTheOpenLotsAndNeverNegative(@ForAll("steps") List<Step> steps) {
        PointsAccount account = new PointsAccount(List.of(), List.of(), 0, null);
        Instant now = START;
        // An independent account of what should be: points in lots, and points owed.
        long ledger = 0;
        long owed = 0;
        for (Step step : steps) {
            long before = account.balance(now);
            switch (step) {
                case Earn earn -> {
                    PointsAccount.Credit credit = account.credit(UUID.randomUUID(), earn.points(), now,
                            earn.monthsToLive() == 0 ? null : now.plus(Duration.ofDays(30L * earn.monthsToLive())));
                    assertThat(credit.debtRepaid()).isEqualTo(Math.min(owed, earn.points()));
                    owed -= credit.debtRepaid();
                    ledger += earn.points() - credit.debtRepaid();
                }
                case Redeem redeem -> {
                    if (redeem.points() > account.available(now)) {
                        Instant at = now;
                        assertThatThrownBy(() -> account.debit(redeem.points(), at, true, false))
                                .isInstanceOf(PointsAccount.InsufficientPoints.class);
                    } else {
                        PointsAccount.Debit debit = account.debit(redeem.points(), now, true, false);
                        assertThat(debit.points()).isEqualTo(redeem.points());
                        assertThat(debit.taken().stream().mapToLong(PointsAccount.Taken::points).sum())
                                .isEqualTo(redeem.points());
                        ledger -= redeem.points();
                    }
                }
                case Reverse reverse -> {
                    PointsAccount.Debit debit = account.debit(reverse.points(), now, false, true);
                    assertThat(debit.points() + debit.shortfall()).isEqualTo(reverse.points());
                    assertThat(debit.points()).isEqualTo(Math.min(before, reverse.points()));
                    account.owe(debit.shortfall());
                    owed += debit.shortfall();
                    ledger -= debit.points();
                }
                case Wait wait -> now = now.plus(Duration.ofDays(wait.days()));
                case Expire expire -> {
                    long expired = account.expire(now).stream().mapToLong(PointsAccount.Expired::points).sum();
                    ledger -= expired;
                    assertThat(ledger).isEqualTo(account.balance(now));
                }
            }
            assertThat(account.balance(now)).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(ledger);
            assertThat(account.debt()).isEqualTo(owed).isGreaterThanOrEqualTo(0);
            // The ledger also counts lots past their expiry until the expiry is recorded.
            assertThat(ledger).isEqualTo(account.lots().stream().mapToLong(PointsAccount.Lot::remaining).sum());
            for (PointsAccount.Lot lot : account.lots()) {
                assertThat(lot.remaining()).isBetween(0L, lot.points());
            }
        }
    }

    @Property(tries = 300)
    void aDebitTakesTheLotsExpiringFirstFirst(@ForAll @Size(min = 1, max = 12) List<@net.jqwik.api.constraints.IntRange(
            min = 1, max = 36) Integer> months, @ForAll @net.jqwik.api.constraints.LongRange(min = 1, max = 5000)
                                              long points) {
        List<PointsAccount.Lot> lots = new ArrayList<>();
        for (int month : months) {
            lots.add(new PointsAccount.Lot(UUID.randomUUID(), START, START.plus(Duration.ofDays(30L * month)), 100,
                    100));
        }
        PointsAccount account = new PointsAccount(lots, List.of(), 0, null);
        long take = Math.min(points, account.balance(START));
        if (take == 0) {
            return;
        }
        PointsAccount.Debit debit = account.debit(take, START, true, false);
        Map<UUID, Instant> expiry = new HashMap<>();
        lots.forEach(lot -> expiry.put(lot.id(), lot.expiresAt()));
        // Every lot emptied expires no later than any lot left untouched.
        Instant latestTaken = debit.taken().stream().map(t -> expiry.get(t.lot())).max(Instant::compareTo).orElseThrow();
        for (PointsAccount.Lot lot : account.openLots(START)) {
            boolean untouched = debit.taken().stream().noneMatch(t -> t.lot().equals(lot.id()));
            if (untouched) {
                assertThat(lot.expiresAt()).isAfterOrEqualTo(latestTaken);
            }
        }
    }

    /** Two tills, each holding points for a basket and then capturing them or redeeming at once. */
    sealed interface TillStep permits Hold, Capture, Release, Spend {
        int till();
    }

    record Hold(int till, long points) implements TillStep {
    }

    record Capture(int till) implements TillStep {
    }

    record Release(int till) implements TillStep {
    }

    record Spend(int till, long points) implements TillStep {
    }

    @Provide
    Arbitrary<List<TillStep>> interleavings() {
        Arbitrary<Integer> till = Arbitraries.integers().between(0, 1);
        Arbitrary<Long> points = Arbitraries.longs().between(1, 700);
        Arbitrary<TillStep> step = Arbitraries.oneOf(
                Combinators.combine(till, points).as(Hold::new),
                till.map(Capture::new),
                till.map(Release::new),
                Combinators.combine(till, points).as(Spend::new));
        return step.list().ofMaxSize(40);
    }

    @Property(tries = 1000)
    void twoTillsNeverSpendMoreThanThereIs(@ForAll("interleavings") List<TillStep> steps) {
        long initial = 1000;
        PointsAccount account = new PointsAccount(List.of(new PointsAccount.Lot(UUID.randomUUID(), START,
                START.plus(Duration.ofDays(365)), initial, initial)), List.of(), 0, null);
        Instant now = START;
        UUID[] holds = new UUID[2];
        long spent = 0;
        for (TillStep step : steps) {
            int t = step.till();
            switch (step) {
                case Hold hold -> {
                    if (holds[t] != null) {
                        continue;
                    }
                    long available = account.available(now);
                    UUID id = UUID.randomUUID();
                    if (hold.points() > available) {
                        Instant at = now;
                        assertThatThrownBy(() -> account.hold(id, "till" + t, hold.points(), at,
                                at.plus(Duration.ofMinutes(15)))).isInstanceOf(
                                PointsAccount.InsufficientPoints.class);
                    } else {
                        account.hold(id, "till" + t, hold.points(), now, now.plus(Duration.ofMinutes(15)));
                        holds[t] = id;
                    }
                }
                case Capture capture -> {
                    if (holds[t] != null) {
                        spent += account.capture(holds[t], now).points();
                        holds[t] = null;
                    }
                }
                case Release release -> {
                    if (holds[t] != null) {
                        account.release(holds[t]);
                        holds[t] = null;
                    }
                }
                case Spend spend -> {
                    if (spend.points() <= account.available(now)) {
                        spent += account.debit(spend.points(), now, true, false).points();
                    } else {
                        Instant at = now;
                        assertThatThrownBy(() -> account.debit(spend.points(), at, true, false))
                                .isInstanceOf(PointsAccount.InsufficientPoints.class);
                    }
                }
            }
            now = now.plusSeconds(1);
            assertThat(account.balance(now)).isEqualTo(initial - spent).isGreaterThanOrEqualTo(0);
            assertThat(account.held(now)).isLessThanOrEqualTo(account.balance(now));
        }
    }

    @Property(tries = 200)
    void creditsClearTheDebtFirst(@ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 1000) long debt,
                                  @ForAll @net.jqwik.api.constraints.LongRange(min = 1, max = 1000) long points) {
        PointsAccount account = new PointsAccount(List.of(), List.of(), debt, null);
        PointsAccount.Credit credit = account.credit(UUID.randomUUID(), points, START, null);
        assertThat(credit.debtRepaid()).isEqualTo(Math.min(debt, points));
        assertThat(account.debt()).isEqualTo(debt - credit.debtRepaid());
        assertThat(account.balance(START)).isEqualTo(points - credit.debtRepaid());
        assertThat(credit.lot() == null).isEqualTo(points <= debt);
    }
}
