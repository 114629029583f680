package org.entente.loyalty.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.loyalty.LedgerEntry;
import org.entente.loyalty.MaintenanceReport;
import org.entente.loyalty.PointsHold;
import org.entente.loyalty.TierLost;
import org.entente.platform.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
     * The program version every account was last seen reviewed under, by this node: after a change of program each
     * account is reviewed once more (a scan of the accounts, only then).
     */
    private volatile int swept;

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
        int[] counts = new int[5];
        long[] expired = new long[1];
        expire(program, now, counts, expired);
        for (List<PointsHold> holds = store.runOutHolds(now, CHUNK); !holds.isEmpty();
             holds = store.runOutHolds(now, CHUNK)) {
            for (PointsHold hold : holds) {
                transactions.executeWithoutResult(status -> operations.release(hold.id(), "expired"));
                counts[1]++;
            }
        }
        if (program.active()) {
            review(program, now, counts);
        }
        MaintenanceReport report = new MaintenanceReport(counts[0], expired[0], counts[1], counts[2], counts[3], counts[4]);
        if (report.lotsExpired() + report.holdsReleased() + report.tiersLowered() + report.tiersRaised() > 0) {
            log.info("Loyalty maintenance at {}: {}", now, report);
        }
        return report;
    }

    private void expire(CompiledProgram program, Instant now, int[] counts, long[] expired) {
        Set<UUID> done = new HashSet<>();
        Integer inactivity = program.definition().expiry().monthsOfInactivity();
        while (true) {
            Set<UUID> persons = new LinkedHashSet<>(store.personsWithExpiredLots(now, CHUNK));
            if (inactivity != null) {
                // A few days' margin: the exact moment is each lot's, checked below.
                Instant cutoff = now.atZone(program.zone()).minusMonths(inactivity).plusDays(4).toInstant();
                persons.addAll(store.personsInactiveSince(cutoff, CHUNK));
            }
            persons.removeAll(done);
            if (persons.isEmpty()) {
                return;
            }
            done.addAll(persons);
            transactions.executeWithoutResult(status -> {
                Map<UUID, Account> accounts = store.lock(persons, program);
                Map<UUID, List<PointsAccount.Lot>> lots = store.lots(accounts.keySet());
                List<EntryRow> entries = new ArrayList<>();
                List<PointsAccount.Lot> changed = new ArrayList<>();
                for (Account account : accounts.values()) {
                    PointsAccount points = new PointsAccount(lots.getOrDefault(account.personId, List.of()),
                            List.of(), account.points.debt(), program.inactiveFrom(account.lastActivityAt));
                    for (PointsAccount.Taken taken : points.expire(now)) {
                        entries.add(new EntryRow(ids.generate(), account.personId, LedgerEntry.Kind.EXPIRE,
                                "lot:" + taken.lot(), -taken.points(), 0, null, now, now, Actor.system().name(), null,
                                json.writeValueAsString(json.createObjectNode().put("lot", taken.lot().toString()))));
                        counts[0]++;
                        expired[0] += taken.points();
                    }
                    changed.addAll(points.changedLots());
                }
                store.updateLots(changed);
                store.insertEntries(entries, Map.of());
            });
        }
    }

    private void review(CompiledProgram program, Instant now, int[] counts) {
        Set<UUID> done = new HashSet<>();
        boolean sweep = program.version() > swept;
        while (true) {
            List<UUID> due = new ArrayList<>(store.accountsDue(now, CHUNK));
            due.removeAll(done);
            if (due.isEmpty() && sweep) {
                due.addAll(store.accountsBehind(program.version(), CHUNK));
                due.removeAll(done);
            }
            if (due.isEmpty()) {
                if (sweep) {
                    swept = program.version();
                }
                return;
            }
            done.addAll(due);
            transactions.executeWithoutResult(status -> {
                Map<UUID, Account> accounts = store.lock(due, program);
                List<TierLost> lost = new ArrayList<>();
                for (Account account : accounts.values()) {
                    counts[2]++;
                    Optional<org.entente.loyalty.TierEarned> raised = TierRules.raise(account, program, now,
                            Optional.empty());
                    if (raised.isPresent()) {
                        counts[4]++;
                        Optional<String> card = announcements.issueCardIfDue(account, program);
                        announcements.earned(raised.get(), account.personId, card, program,
                                org.entente.profile.Channel.OTHER);
                    }
                    TierRules.review(account, program, now).ifPresent(lost::add);
                }
                store.updateAccounts(accounts.values(), now);
                for (TierLost tier : lost) {
                    counts[3]++;
                    announcements.lost(tier, program);
                }
            });
        }
    }
}
