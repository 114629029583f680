package org.entente.loyalty.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.loyalty.MaintenanceReport;
import org.entente.loyalty.PointsHold;
import org.entente.loyalty.TierEarned;
import org.entente.loyalty.TierLost;
import org.entente.profile.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The scheduled work of loyalty, at the injected clock's time: lots past their expiry are expired (an entry per
 * lot), holds that ran out are released, and tiers are reviewed (lowered only once the grace has passed, raised if a
 * new program version makes the orders qualify). Accounts are taken in chunks, each chunk in its own transaction
 * under the accounts' locks. Running it twice at the same time changes nothing the second time.
 */
@Component
public class Maintenance {

    static final int CHUNK = 200;
    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

    private final LoyaltyStore store;
    private final ProgramStore programs;
    private final PointsOperations operations;
    private final Announcements announcements;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    /**
     * The rules every account was last reviewed under, by this node: after a change of tiers each account is reviewed
     * once more (a scan of the accounts, only then; and once after a start).
     */
    private volatile Rules sweptRules;

    Maintenance(LoyaltyStore store, ProgramStore programs, PointsOperations operations, Announcements announcements,
                TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.store = store;
        this.programs = programs;
        this.operations = operations;
        this.announcements = announcements;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    public MaintenanceReport run() {
        Instant now = clock.instant();
        CompiledProgram program = programs.current();
        MaintenanceReport report = new MaintenanceReport(0, 0, 0, 0, 0, 0);
        report = expireLots(program, now, report);
        report = expireIdle(program, now, report);
        report = releaseHolds(now, report);
        if (program.active()) {
            report = review(program, now, report);
        }
        if (report.lotsExpired() + report.holdsReleased() + report.tiersLowered() + report.tiersRaised() > 0) {
            log.info("Loyalty maintenance at {}: {}", now, report);
        }
        return report;
    }

    /** Lots past their own expiry, a chunk of persons at a time, until none is left. */
    private MaintenanceReport expireLots(CompiledProgram program, Instant now, MaintenanceReport report) {
        Set<UUID> done = new HashSet<>();
        while (true) {
            List<UUID> persons = new ArrayList<>(store.personsWithExpiredLots(now, CHUNK));
            persons.removeAll(done);
            if (persons.isEmpty()) {
                return report;
            }
            done.addAll(persons);
            report = inChunk(report, () -> expire(persons, program, now));
        }
    }

    /**
     * Lots of persons whose activity ended, when the program has that rule: the accounts in the order of their last
     * activity, with a few days' margin (months differ in length; each lot's exact moment is checked).
     */
    private MaintenanceReport expireIdle(CompiledProgram program, Instant now, MaintenanceReport report) {
        Integer months = program.definition().expiry().monthsOfInactivity();
        if (months == null) {
            return report;
        }
        Instant cutoff = now.atZone(program.zone()).minusMonths(months).plusDays(4).toInstant();
        LoyaltyStore.ActivityKey after = null;
        while (true) {
            List<LoyaltyStore.ActivityKey> page = store.idleSince(cutoff, after, CHUNK);
            if (page.isEmpty()) {
                return report;
            }
            after = page.getLast();
            List<UUID> persons = page.stream().map(LoyaltyStore.ActivityKey::personId).toList();
            report = inChunk(report, () -> expire(persons, program, now));
        }
    }

    private MaintenanceReport expire(List<UUID> persons, CompiledProgram program, Instant now) {
        Map<UUID, Account> accounts = store.lock(persons, program);
        Map<UUID, List<PointsAccount.Lot>> lots = store.lots(accounts.keySet());
        List<EntryRow> entries = new ArrayList<>();
        List<PointsAccount.Lot> changed = new ArrayList<>();
        long points = 0;
        for (Account account : accounts.values()) {
            PointsAccount held = new PointsAccount(lots.getOrDefault(account.personId, List.of()), List.of(),
                    account.points.debt(), program.inactiveFrom(account.lastActivityAt));
            for (PointsAccount.Expired lot : held.expire(now)) {
                entries.add(EntryRow.expired(ids.generate(), account.personId, lot, now, json));
                points += lot.points();
            }
            changed.addAll(held.changedLots());
        }
        store.updateLots(changed);
        store.insertEntries(entries, Map.of());
        return new MaintenanceReport(entries.size(), points, 0, 0, 0, 0);
    }

    private MaintenanceReport releaseHolds(Instant now, MaintenanceReport report) {
        Set<UUID> done = new HashSet<>();
        while (true) {
            List<PointsHold> holds = store.runOutHolds(now, CHUNK).stream()
                    .filter(hold -> !done.contains(hold.id())).toList();
            if (holds.isEmpty()) {
                return report;
            }
            for (PointsHold hold : holds) {
                done.add(hold.id());
                report = inChunk(report, () -> {
                    operations.release(hold.id(), "expired");
                    return new MaintenanceReport(0, 0, 1, 0, 0, 0);
                });
            }
        }
    }

    private MaintenanceReport review(CompiledProgram program, Instant now, MaintenanceReport report) {
        Set<UUID> done = new HashSet<>();
        boolean sweep = sweptRules == null || !sweptRules.equals(Rules.of(program));
        while (true) {
            List<UUID> due = new ArrayList<>(store.accountsDue(now, CHUNK));
            due.removeAll(done);
            if (due.isEmpty() && sweep) {
                due.addAll(store.accountsBehind(program.version(), CHUNK));
                due.removeAll(done);
            }
            if (due.isEmpty()) {
                if (sweep) {
                    sweptRules = Rules.of(program);
                }
                return report;
            }
            done.addAll(due);
            report = inChunk(report, () -> review(due, program, now));
        }
    }

    private MaintenanceReport review(List<UUID> due, CompiledProgram program, Instant now) {
        Map<UUID, Account> accounts = store.lock(due, program);
        List<TierLost> lost = new ArrayList<>();
        int raised = 0;
        for (Account account : accounts.values()) {
            Optional<TierEarned> earned = TierRules.raise(account, program, now, Optional.empty());
            if (earned.isPresent()) {
                raised++;
                boolean card = announcements.issueCardIfDue(account, program);
                announcements.earned(earned.get(), account, card, program, Channel.OTHER);
            }
            TierRules.review(account, program, now).ifPresent(lost::add);
        }
        store.updateAccounts(accounts.values(), now);
        lost.forEach(tier -> announcements.lost(tier, program));
        return new MaintenanceReport(0, 0, 0, accounts.size(), lost.size(), raised);
    }

    /**
     * One chunk in its own transaction. A chunk that fails is logged and left for the next run: the others go on.
     */
    private MaintenanceReport inChunk(MaintenanceReport report, java.util.function.Supplier<MaintenanceReport> work) {
        try {
            MaintenanceReport done = transactions.execute(status -> work.get());
            return new MaintenanceReport(report.lotsExpired() + done.lotsExpired(),
                    report.pointsExpired() + done.pointsExpired(), report.holdsReleased() + done.holdsReleased(),
                    report.accountsReviewed() + done.accountsReviewed(), report.tiersLowered() + done.tiersLowered(),
                    report.tiersRaised() + done.tiersRaised());
        } catch (RuntimeException e) {
            log.warn("Loyalty maintenance: a chunk failed and is left for the next run", e);
            return report;
        }
    }

    /** What a review depends on in a program: a new version that changes none of it needs no sweep. */
    private record Rules(List<org.entente.loyalty.Program.Tier> tiers, org.entente.loyalty.Program.Review review,
                         org.entente.loyalty.Program.Card card) {
        static Rules of(CompiledProgram program) {
            return new Rules(program.tiers(), program.definition().review(), program.definition().card());
        }
    }
}
