package org.entente.loyalty.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.loyalty.LedgerEntry;
import org.entente.loyalty.Program;
import org.entente.loyalty.TierEarned;
import org.entente.platform.Actor;
import org.entente.profile.Channel;
import org.entente.profile.EventFacts;
import org.entente.profile.EventRecorded;
import org.entente.profile.PersonsMerged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Brings what the profile module recorded in one transaction into loyalty, in the same transaction: orders earn
 * points and count for qualification, returns take back points in proportion and count against satisfaction,
 * complaints too, bonus events earn their points, merges bring two accounts together. The accounts concerned are
 * locked (in id order), changed in memory in the order things happened, and written with one batched statement per
 * table.
 * <p>
 * Each order counts once whatever brings it (the till, the API, an import), since it is keyed by its order id; each
 * other entry is keyed by the event that caused it, which the profile module records once.
 */
@Component
public class LoyaltyRecorder {

    private static final Logger log = LoggerFactory.getLogger(LoyaltyRecorder.class);
    static final String PURCHASE_RULE = "purchase";
    /** Events may be dated a little ahead of the clock (a till's clock); activity that late may end idleness. */
    private static final java.time.Duration IDLE_MARGIN = java.time.Duration.ofMinutes(10);

    private final LoyaltyStore store;
    private final ProgramStore programs;
    private final Announcements announcements;
    private final JsonMapper json;
    private final Clock clock;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    LoyaltyRecorder(LoyaltyStore store, ProgramStore programs, Announcements announcements, JsonMapper json,
                    Clock clock) {
        this.store = store;
        this.programs = programs;
        this.announcements = announcements;
        this.json = json;
        this.clock = clock;
    }

    /** Whether loyalty has anything to do with this event under the program in force. */
    public boolean concerns(EventRecorded event) {
        CompiledProgram program = programs.current();
        if (!program.active()) {
            return false;
        }
        return switch (event.facts()) {
            case EventFacts.Purchase purchase -> true;
            case EventFacts.Return returned -> true;
            case EventFacts.Complaint complaint -> complaint.orderId().isPresent();
            default -> program.bonus(event.type()).isPresent();
        };
    }

    /** Brings these domain events (in the order they were published) into loyalty. */
    public void record(List<Object> events) {
        new Batch(programs.current(), clock.instant()).run(events);
    }

    private final class Batch {

        private final CompiledProgram program;
        private final Instant now;
        private final Map<UUID, Account> accounts = new LinkedHashMap<>();
        private final Map<UUID, UUID> mergedInto = new HashMap<>();
        private final Set<UUID> removed = new HashSet<>();
        /** The orders of the batch that earned points (before it, or in it), by order id. */
        private final Map<String, OrderRow> earning = new HashMap<>();
        /** The returned orders of the batch, with what was returned so far. */
        private final Map<String, OrderRow> orders = new HashMap<>();
        /** The returns recorded already, before the batch or in it: {@code return:<returnId or eventId>}. */
        private final Set<String> takenBack = new HashSet<>();
        private final List<EntryRow> entries = new ArrayList<>();
        private final Map<String, Long> earnedByDay = new HashMap<>();
        private final Map<String, Integer> bonusesByDay = new HashMap<>();
        private final List<Earned> earned = new ArrayList<>();

        private record Earned(TierEarned event, Channel channel, boolean cardIssued) {
        }

        Batch(CompiledProgram program, Instant now) {
            this.program = program;
            this.now = now;
        }

        void run(List<Object> events) {
            Set<UUID> persons = new HashSet<>();
            Set<UUID> withLots = new HashSet<>();
            Set<String> orderIds = new HashSet<>();
            Set<String> returnedIds = new HashSet<>();
            Set<String> returnKeys = new HashSet<>();
            Set<UUID> earners = new HashSet<>();
            Instant firstDay = null;
            Instant lastDay = null;
            for (Object event : events) {
                switch (event) {
                    case EventRecorded recorded -> {
                        persons.add(recorded.personId());
                        switch (recorded.facts()) {
                            case EventFacts.Purchase purchase -> {
                                orderIds.add(purchase.orderId());
                                if (program.maxPointsPerDay().isPresent()) {
                                    earners.add(recorded.personId());
                                }
                            }
                            case EventFacts.Return returned -> {
                                orderIds.add(returned.orderId());
                                returnedIds.add(returned.orderId());
                                returnKeys.add(returnKey(recorded, returned));
                                withLots.add(recorded.personId());
                            }
                            case EventFacts.Complaint complaint -> {
                            }
                            default -> program.bonus(recorded.type())
                                    .filter(bonus -> bonus.maxPerDay() != null
                                            || program.maxPointsPerDay().isPresent())
                                    .ifPresent(bonus -> earners.add(recorded.personId()));
                        }
                        firstDay = firstDay == null || recorded.occurredAt().isBefore(firstDay)
                                ? recorded.occurredAt() : firstDay;
                        lastDay = lastDay == null || recorded.occurredAt().isAfter(lastDay)
                                ? recorded.occurredAt() : lastDay;
                    }
                    case PersonsMerged merged -> {
                        persons.add(merged.survivorId());
                        persons.add(merged.mergedId());
                        withLots.add(merged.survivorId());
                        withLots.add(merged.mergedId());
                    }
                    default -> throw new IllegalArgumentException("not a loyalty concern: " + event);
                }
            }
            // Orders first: a return takes points back from whoever the order earned for, who is locked too.
            earning.putAll(store.earningOrders(orderIds));
            orders.putAll(store.returnedOrders(returnedIds));
            for (String orderId : returnedIds) {
                OrderRow order = orders.containsKey(orderId) ? orders.get(orderId) : earning.get(orderId);
                if (order != null) {
                    persons.add(order.personId);
                    withLots.add(order.personId);
                }
            }
            accounts.putAll(store.lock(persons, program));
            takenBack.addAll(store.sources(LedgerEntry.Kind.REVERSE, returnKeys));
            Set<UUID> loadLots = new HashSet<>(withLots);
            loadLots.retainAll(accounts.keySet());
            // Accounts whose activity ended (the next activity expires their lots first), and accounts with returns
            // waiting for their order (its points are taken back as it comes).
            accounts.values().stream()
                    .filter(account -> account.idleAt(now.plus(IDLE_MARGIN)) || !account.window.early().isEmpty())
                    .forEach(account -> loadLots.add(account.personId));
            if (!loadLots.isEmpty()) {
                Map<UUID, List<PointsAccount.Lot>> lots = store.lots(loadLots);
                for (UUID person : loadLots) {
                    Account account = accounts.get(person);
                    account.points = new PointsAccount(lots.getOrDefault(person, List.of()), List.of(),
                            account.points.debt(), program.inactiveFrom(account.lastActivityAt));
                }
            }
            if (!earners.isEmpty()) {
                earners.retainAll(accounts.keySet());
                Instant from = program.startOf(program.day(firstDay));
                Instant to = program.startOf(program.day(lastDay).plusDays(1));
                for (LoyaltyStore.Earned e : store.earned(earners, from, to)) {
                    String day = dayKey(e.personId(), program.day(e.at()));
                    earnedByDay.merge(day, e.points(), Long::sum);
                    if (e.rule() != null && !PURCHASE_RULE.equals(e.rule())) {
                        bonusesByDay.merge(day + " " + e.rule(), 1, Integer::sum);
                    }
                }
            }
            for (Object event : events) {
                switch (event) {
                    case EventRecorded recorded -> apply(recorded);
                    case PersonsMerged merged -> merge(merged);
                    default -> throw new IllegalStateException();
                }
            }
            write();
        }

        private void apply(EventRecorded event) {
            if (!program.active()) {
                return;
            }
            switch (event.facts()) {
                case EventFacts.Purchase purchase -> purchase(event, purchase);
                case EventFacts.Return returned -> returned(event, returned);
                case EventFacts.Complaint complaint -> complaint.orderId()
                        .ifPresent(orderId -> disputed(event, orderId));
                default -> program.bonus(event.type()).ifPresent(bonus -> bonus(event, bonus));
            }
        }

        private void purchase(EventRecorded event, EventFacts.Purchase purchase) {
            Account account = account(event.personId());
            String orderId = purchase.orderId();
            OrderRow earned = earning.get(orderId);
            if ((earned != null && root(earned.personId).equals(account.personId))
                    || account.window.find(orderId).isPresent()) {
                return; // counted already, through another path or an earlier event
            }
            active(account, event.occurredAt());
            // An order id another person earned with (two stores reusing receipt numbers, or one person with two
            // profiles): it counts for qualification, but earns once.
            long points = earned != null ? 0
                    : capDaily(account.personId, event.occurredAt(), program.pointsFor(purchase));
            if (points > 0) {
                ObjectNode details = json.createObjectNode()
                        .put("amount", purchase.total().amount().toPlainString())
                        .put("currency", purchase.total().currency().getCurrencyCode());
                credit(account, LoyaltyStore.orderSource(orderId), PURCHASE_RULE, points, event.occurredAt(),
                        details);
                earning.put(orderId, new OrderRow(orderId, account.personId, event.occurredAt(),
                        purchase.total().currency().getCurrencyCode(), purchase.total().amount(), points,
                        BigDecimal.ZERO, 0, true));
            }
            // Orders older than the longest window count for nothing: only their points are kept.
            if (event.occurredAt().isAfter(now.minus(program.longestWindow()))) {
                account.window = account.window.with(new QualificationWindow.Order(orderId, event.occurredAt(),
                        program.spendOf(purchase.total()), null));
            }
            // Returns and complaints that came before the order (an offline till uploading late) apply now.
            for (QualificationWindow.Early early : account.window.waitingFor(orderId)) {
                if (early.key().startsWith(RETURN_KEY)) {
                    returned(account, early.key(), orderId, early.amount(), early.currency(), early.at());
                } else {
                    account.window = account.window.disputed(orderId, early.at());
                }
            }
            account.window = account.window.arrived(orderId);
            raise(account, event, Optional.of(orderId));
        }

        private void returned(EventRecorded event, EventFacts.Return returned) {
            String key = returnKey(event, returned);
            String orderId = returned.orderId();
            OrderRow order = orders.containsKey(orderId) ? orders.get(orderId) : earning.get(orderId);
            Account owner = order == null ? null : accounts.get(root(order.personId));
            Account account = owner != null ? owner : account(event.personId());
            if (takenBack.contains(key) || account.window.isWaiting(key)) {
                return; // the same return, through another path or an earlier event
            }
            takenBack.add(key);
            if (owner == null && account.window.find(orderId).isEmpty()) {
                // Not counted yet: it waits for its order.
                account.window = account.window.waiting(new QualificationWindow.Early(orderId, key,
                        event.occurredAt(), returned.amount().amount(),
                        returned.amount().currency().getCurrencyCode()));
                return;
            }
            returned(account, key, orderId, returned.amount().amount(),
                    returned.amount().currency().getCurrencyCode(), event.occurredAt());
        }

        /**
         * Takes back the points of the part of the order returned, in proportion, from whoever it earned for (a
         * return at another till, under another identity, still takes them back), and counts the return against the
         * order's satisfaction.
         */
        private void returned(Account owner, String key, String orderId, BigDecimal amount, String currency,
                              Instant at) {
            OrderRow order = orders.computeIfAbsent(orderId, earning::get);
            long takenBack = 0;
            PointsAccount.Debit debit = null;
            BigDecimal counted = BigDecimal.ZERO;
            if (order != null) {
                counted = currency.equals(order.currency) ? amount.min(order.amount.subtract(order.returned))
                        : BigDecimal.ZERO;
                order.returned = order.returned.add(counted);
                order.changed = true;
                long target = order.amount.signum() == 0 ? 0 : BigDecimal.valueOf(order.points)
                        .multiply(order.returned).divide(order.amount, 0, RoundingMode.HALF_UP).longValueExact();
                takenBack = target - order.reversed;
                if (takenBack > 0) {
                    order.reversed = target;
                    debit = owner.points.debit(takenBack, now, false, true);
                }
            }
            ObjectNode details = json.createObjectNode().put("orderId", orderId)
                    .put("returned", counted.toPlainString()).put("currency", currency).put("takenBack", takenBack);
            long points = 0;
            if (debit != null) {
                points = debit.points();
                lots(details, debit.taken());
                long shortfall = debit.shortfall();
                if (shortfall > 0) {
                    details.put("shortfall", shortfall);
                    if (program.shortfall() == Program.Shortfall.DEBT) {
                        owner.points.owe(shortfall);
                        details.put("debt", shortfall);
                    } else {
                        details.put("forgiven", shortfall);
                    }
                }
            }
            // Every return is an entry, even one with nothing to take back: it is what makes it count once.
            entries.add(new EntryRow(ids.generate(), owner.personId, LedgerEntry.Kind.REVERSE, key, -points, 0, null,
                    at, now, actor(), null, json.writeValueAsString(details)));
            if (owner.window.find(orderId).isPresent()) {
                BigDecimal spend = currency.equals(program.currency().getCurrencyCode()) ? amount : BigDecimal.ZERO;
                owner.window = owner.window.returned(orderId, spend, at);
                TierRules.scheduleReview(owner, program, now);
            }
        }

        private void disputed(EventRecorded event, String orderId) {
            Account account = account(event.personId());
            if (account.window.find(orderId).isPresent()) {
                account.window = account.window.disputed(orderId, event.occurredAt());
                TierRules.scheduleReview(account, program, now);
            } else {
                account.window = account.window.waiting(new QualificationWindow.Early(orderId,
                        COMPLAINT_KEY + event.eventId(), event.occurredAt(), BigDecimal.ZERO,
                        program.currency().getCurrencyCode()));
            }
        }

        private void bonus(EventRecorded event, Program.Bonus bonus) {
            Account account = account(event.personId());
            String day = dayKey(account.personId, program.day(event.occurredAt())) + " " + event.type();
            if (bonus.maxPerDay() != null && bonusesByDay.getOrDefault(day, 0) >= bonus.maxPerDay()) {
                return;
            }
            long points = capDaily(account.personId, event.occurredAt(), bonus.points());
            if (points <= 0) {
                return;
            }
            bonusesByDay.merge(day, 1, Integer::sum);
            active(account, event.occurredAt());
            ObjectNode details = json.createObjectNode().put("eventId", event.eventId()).put("event", event.type());
            credit(account, "event:" + event.eventId(), event.type(), points, event.occurredAt(), details);
        }

        /** Records activity, after expiring what the end of the previous activity closed. */
        private void active(Account account, Instant at) {
            account.activeAt(at, now, program).forEach(expired -> entries.add(
                    EntryRow.expired(ids.generate(), account.personId, expired, now, json)));
        }

        /** The points left under the daily cap, and counts them as earned that day. */
        private long capDaily(UUID person, Instant at, long points) {
            String day = dayKey(person, program.day(at));
            long allowed = program.maxPointsPerDay()
                    .map(max -> Math.max(0, Math.min(points, max - earnedByDay.getOrDefault(day, 0L))))
                    .orElse(points);
            earnedByDay.merge(day, allowed, Long::sum);
            return allowed;
        }

        private void credit(Account account, String source, String rule, long points, Instant at,
                            ObjectNode details) {
            UUID id = ids.generate();
            PointsAccount.Credit credit = account.points.credit(id, points, at, program.expiresAt(at));
            if (credit.debtRepaid() > 0) {
                details.put("earned", points);
                details.put("debtRepaid", credit.debtRepaid());
            }
            entries.add(new EntryRow(id, account.personId, LedgerEntry.Kind.EARN, source, points - credit.debtRepaid(),
                    0, rule, at, now, actor(), null, json.writeValueAsString(details)));
        }

        private void raise(Account account, EventRecorded event, Optional<String> orderId) {
            Instant at = event.occurredAt().isAfter(now) ? event.occurredAt() : now;
            TierRules.raise(account, program, at, orderId).ifPresent(tier -> earned.add(new Earned(tier,
                    event.channel(), announcements.issueCardIfDue(account, program))));
        }

        private void merge(PersonsMerged merged) {
            UUID survivorRoot = root(merged.survivorId());
            UUID mergedRoot = root(merged.mergedId());
            if (survivorRoot.equals(mergedRoot)) {
                return;
            }
            mergedInto.put(mergedRoot, survivorRoot);
            Account gone = accounts.remove(mergedRoot);
            if (gone == null) {
                return;
            }
            if (!gone.created) {
                removed.add(mergedRoot);
            }
            Account survivor = account(survivorRoot);
            survivor.window = survivor.window.union(gone.window);
            survivor.points.absorb(gone.points);
            if (gone.lastActivityAt != null) {
                active(survivor, gone.lastActivityAt);
            }
            if (survivor.cardNumber == null) {
                survivor.cardNumber = gone.cardNumber;
                survivor.cardIssuedAt = gone.cardIssuedAt;
            }
            if (program.rank(gone.tier) > program.rank(survivor.tier)) {
                // The person held it under the profile merged away: the profile that stays earns it now.
                earned.add(new Earned(new TierEarned(survivor.personId, gone.tier,
                        Optional.ofNullable(survivor.tier), now, Optional.empty()), Channel.OTHER, false));
                survivor.tier = gone.tier;
                survivor.tierSince = gone.tierSince;
                survivor.atRiskSince = gone.atRiskSince;
                survivor.reviewAt = gone.reviewAt;
            } else if (gone.tier != null && gone.tier.equals(survivor.tier)) {
                survivor.tierSince = QualificationWindow.earliest(survivor.tierSince, gone.tierSince);
                // At risk on both sides stays at risk from the first; a grace is not started again by a merge.
                survivor.atRiskSince = survivor.atRiskSince == null || gone.atRiskSince == null ? null
                        : QualificationWindow.earliest(survivor.atRiskSince, gone.atRiskSince);
            }
            if (program.active()) {
                TierRules.raise(survivor, program, now, Optional.empty()).ifPresent(tier -> earned.add(
                        new Earned(tier, Channel.OTHER, announcements.issueCardIfDue(survivor, program))));
            } else {
                TierRules.scheduleReview(survivor, program, now);
            }
            earnedByDay.keySet().stream().filter(k -> k.startsWith(mergedRoot + " ")).toList()
                    .forEach(k -> earnedByDay.merge(survivorRoot + k.substring(k.indexOf(' ')),
                            earnedByDay.remove(k), Long::sum));
        }

        private Account account(UUID person) {
            UUID root = root(person);
            return accounts.computeIfAbsent(root, r -> Account.created(r, now, program.version()));
        }

        private UUID root(UUID person) {
            UUID root = person;
            while (mergedInto.containsKey(root)) {
                root = mergedInto.get(root);
            }
            return root;
        }

        private void write() {
            List<Account> created = new ArrayList<>();
            List<Account> changed = new ArrayList<>();
            Map<UUID, PointsAccount.Lot> newLots = new HashMap<>();
            List<PointsAccount.Lot> changedLots = new ArrayList<>();
            for (Account account : accounts.values()) {
                account.window = account.window.prunedBefore(now.minus(program.longestWindow()));
                (account.created ? created : changed).add(account);
                account.points.createdLots().forEach(lot -> newLots.put(lot.id(), lot));
                changedLots.addAll(account.points.changedLots());
            }
            // Before the accounts are written: giving a card to the person may draw its number again.
            for (Earned e : earned) {
                announcements.earned(e.event(), accounts.get(root(e.event().personId())), e.cardIssued(), program,
                        e.channel());
            }
            store.insertAccounts(created, now);
            store.updateAccounts(changed, now);
            removed.forEach(from -> store.repoint(from, root(from)));
            List<OrderRow> newOrders = new ArrayList<>();
            List<OrderRow> changedOrders = new ArrayList<>();
            for (OrderRow order : orders.values()) {
                order.personId = root(order.personId);
                if (order.created) {
                    newOrders.add(order);
                } else if (order.changed) {
                    changedOrders.add(order);
                }
            }
            store.insertOrders(newOrders);
            store.updateOrders(changedOrders);
            store.updateLots(changedLots);
            store.insertEntries(entries.stream().map(e -> e.withPerson(root(e.personId()))).toList(), newLots);

        }

        private String actor() {
            return Actor.current().name();
        }
    }

    private static final String RETURN_KEY = "return:";
    private static final String COMPLAINT_KEY = "complaint:";

    /** What makes a return unique: the sender's return id when it gave one, else the event. */
    private static String returnKey(EventRecorded event, EventFacts.Return returned) {
        return RETURN_KEY + returned.returnId().orElse(event.eventId());
    }

    static void lots(ObjectNode details, List<PointsAccount.Taken> taken) {
        ArrayNode lots = details.putArray("lots");
        taken.forEach(t -> lots.addObject().put("lot", t.lot().toString()).put("points", t.points()));
    }

    private static String dayKey(UUID person, LocalDate day) {
        return person + " " + day;
    }
}
