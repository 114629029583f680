package org.entente.loyalty.internal;

import org.entente.loyalty.LoyaltyStatus;
import org.entente.loyalty.Program;
import org.entente.loyalty.Standing;
import org.entente.loyalty.TierDistribution;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Reads where a person stands, in words and numbers, in the reader's language. */
@Component
public class StatusReader {

    private final LoyaltyStore store;
    private final ProgramStore programs;
    private final MessageSource messages;
    private final Clock clock;

    StatusReader(LoyaltyStore store, ProgramStore programs, MessageSource messages, Clock clock) {
        this.store = store;
        this.programs = programs;
        this.messages = messages;
        this.clock = clock;
    }

    public LoyaltyStatus status(UUID person, Locale locale) {
        CompiledProgram program = programs.current();
        Instant now = clock.instant();
        Account account = store.find(person, program).orElseGet(() -> Account.created(person, now, program.version()));
        PointsAccount points = new PointsAccount(store.lots(List.of(person)).getOrDefault(person, List.of()),
                store.runningHolds(person), account.points.debt(), program.inactiveFrom(account.lastActivityAt));
        Optional<Program.Tier> tier = program.tier(account.tier);
        LoyaltyStatus.TierView tierView = account.tier == null ? null : new LoyaltyStatus.TierView(account.tier,
                tier.map(t -> name(t, locale)).orElse(account.tier), account.tierSince);
        LoyaltyStatus.CardView card = account.cardNumber == null ? null
                : new LoyaltyStatus.CardView(account.cardNumber, account.cardIssuedAt);
        int nextRank = program.rank(account.tier) + 1;
        LoyaltyStatus.Progress progress = nextRank < program.tiers().size()
                ? progress(program.tiers().get(nextRank), account.window, program, now, locale) : null;
        List<LoyaltyStatus.LotView> lots = new ArrayList<>();
        Instant nextExpiry = null;
        long expiringNext = 0;
        for (PointsAccount.Lot lot : points.openLots(now)) {
            Instant expires = points.expiry(lot);
            lots.add(new LoyaltyStatus.LotView(lot.id(), lot.earnedAt(), expires, lot.points(), lot.remaining()));
            if (expires != null && (nextExpiry == null || expires.isBefore(nextExpiry))) {
                nextExpiry = expires;
                expiringNext = 0;
            }
            if (expires != null && expires.equals(nextExpiry)) {
                expiringNext += lot.remaining();
            }
        }
        List<LoyaltyStatus.BenefitView> benefits = tier.map(t -> t.benefits().stream()
                .map(b -> new LoyaltyStatus.BenefitView(b.kind(), describe(b, program, locale), b)).toList())
                .orElse(List.of());
        return new LoyaltyStatus(person, program.version(), program.active(), program.currency().getCurrencyCode(),
                tierView, card, progress, atRisk(account, program, now),
                new LoyaltyStatus.Points(points.balance(now), points.held(now), points.available(now), points.debt(),
                        nextExpiry, expiringNext),
                lots, benefits);
    }

    /** How many members hold each tier of the program in force, and how many none ({@link TierDistribution}). */
    public TierDistribution tierDistribution(Locale locale) {
        CompiledProgram program = programs.current();
        java.util.Map<String, Long> members = new java.util.HashMap<>(store.membersByTier());
        long withoutTier = Optional.ofNullable(members.remove(null)).orElse(0L);
        List<TierDistribution.TierCount> tiers = new ArrayList<>();
        for (Program.Tier tier : program.tiers()) {
            tiers.add(new TierDistribution.TierCount(tier.code(), name(tier, locale),
                    Optional.ofNullable(members.remove(tier.code())).orElse(0L)));
        }
        // Tiers a former version of the program had, still held until the next review: by their code.
        members.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(left ->
                tiers.add(new TierDistribution.TierCount(left.getKey(), left.getKey(), left.getValue())));
        return new TierDistribution(tiers, withoutTier);
    }

    /** The fields {@link #standing(Record, Locale)} reads, for a query of another module. */
    public List<org.jooq.Field<?>> standingFields(org.jooq.Field<UUID> person) {
        return store.standingFields(person, clock.instant());
    }

    /** The tier, benefits and points, from a row holding the {@link #standingFields}; none when it has no tier nor points. */
    public Standing standing(org.jooq.Record row, Locale locale) {
        CompiledProgram program = programs.current();
        Instant now = clock.instant();
        String code = row.get(LoyaltyStore.TIER, String.class);
        Instant inactiveFrom = program.inactiveFrom(row.get(LoyaltyStore.LAST_ACTIVITY, Instant.class));
        Number open = row.get(LoyaltyStore.OPEN, Number.class);
        Number held = row.get(LoyaltyStore.HELD, Number.class);
        long balance = open == null || (inactiveFrom != null && !now.isBefore(inactiveFrom)) ? 0 : open.longValue();
        long available = Math.max(0, balance - (held == null ? 0 : held.longValue()));
        if (code == null) {
            return new Standing(null, List.of(), balance, available);
        }
        Optional<Program.Tier> tier = program.tier(code);
        LoyaltyStatus.TierView tierView = new LoyaltyStatus.TierView(code, tier.map(t -> name(t, locale)).orElse(code),
                row.get(LoyaltyStore.TIER_SINCE, Instant.class));
        List<LoyaltyStatus.BenefitView> benefits = tier.map(t -> t.benefits().stream()
                .map(b -> new LoyaltyStatus.BenefitView(b.kind(), describe(b, program, locale), b)).toList())
                .orElse(List.of());
        return new Standing(tierView, benefits, balance, available);
    }

    /** The tier is at risk when the review found it unmet, or when it is unmet now and the review has yet to run. */
    private static LoyaltyStatus.AtRisk atRisk(Account account, CompiledProgram program, Instant now) {
        if (account.tier == null) {
            return null;
        }
        Instant since = account.atRiskSince;
        if (since == null) {
            boolean met = program.rank(account.tier) >= 0
                    && program.justifiedUntil(account.tier, account.window, now).isPresent();
            if (met) {
                return null;
            }
            since = account.reviewAt != null && account.reviewAt.isBefore(now) ? account.reviewAt : now;
        }
        String to = program.qualifiedTier(account.window, now).map(Program.Tier::code)
                .filter(code -> program.rank(code) < program.rank(account.tier)).orElse(null);
        return new LoyaltyStatus.AtRisk(since, since.plus(program.grace()), to);
    }

    private LoyaltyStatus.Progress progress(Program.Tier next, QualificationWindow window, CompiledProgram program,
                                            Instant now, Locale locale) {
        Program.Qualification q = next.qualification();
        QualificationWindow.Standing standing = window.standing(q, now);
        Instant countsUntil = standing.oldestOrder() == null ? null
                : standing.oldestOrder().plus(Duration.ofDays(q.windowDays()));
        List<String> parts = new ArrayList<>();
        LoyaltyStatus.OrdersNeeded orders = null;
        if (q.minOrders() != null) {
            int missing = Math.max(0, q.minOrders() - standing.orders());
            orders = new LoyaltyStatus.OrdersNeeded(standing.orders(), q.minOrders(), missing, q.windowDays(),
                    countsUntil);
            parts.add(message("loyalty.progress.orders", locale, missing));
        }
        LoyaltyStatus.SpendNeeded spend = null;
        if (q.minSpend() != null) {
            BigDecimal missing = q.minSpend().subtract(standing.spend()).max(BigDecimal.ZERO);
            spend = new LoyaltyStatus.SpendNeeded(standing.spend(), q.minSpend(), missing, q.windowDays(),
                    countsUntil);
            parts.add(message("loyalty.progress.spend", locale, money(missing, program, locale)));
        }
        long days = countsUntil == null ? q.windowDays()
                : Math.max(0, Duration.between(now, countsUntil).plusHours(23).toDays());
        String what = parts.size() == 2 ? message("loyalty.progress.or", locale, parts.get(0), parts.get(1))
                : parts.getFirst();
        String text = message("loyalty.progress.text", locale, what, days, name(next, locale));
        return new LoyaltyStatus.Progress(next.code(), name(next, locale), orders, spend, text);
    }

    private String describe(Program.Benefit benefit, CompiledProgram program, Locale locale) {
        return switch (benefit) {
            case Program.Benefit.MemberPrice price -> {
                List<String> scope = new ArrayList<>(price.categories());
                scope.addAll(price.brands());
                String percent = NumberFormat.getNumberInstance(locale).format(price.percent());
                yield scope.isEmpty() ? message("loyalty.benefit.member_price.all", locale, percent)
                        : message("loyalty.benefit.member_price", locale, percent, String.join(", ", scope));
            }
            case Program.Benefit.FreeDelivery delivery -> delivery.minBasket() == null
                    ? message("loyalty.benefit.free_delivery", locale)
                    : message("loyalty.benefit.free_delivery.min", locale, money(delivery.minBasket(), program, locale));
            case Program.Benefit.ExtendedReturns returns ->
                    message("loyalty.benefit.extended_returns", locale, returns.days());
            case Program.Benefit.PriorityService service -> message("loyalty.benefit.priority_service", locale);
            case Program.Benefit.BirthdayGift gift -> message("loyalty.benefit.birthday_gift", locale, gift.points());
            case Program.Benefit.EarlyAccess early -> message("loyalty.benefit.early_access", locale, early.days());
        };
    }

    static String name(Program.Tier tier, Locale locale) {
        String name = tier.name().get(locale.getLanguage());
        return name != null ? name : tier.name().get("en");
    }

    private static String money(BigDecimal amount, CompiledProgram program, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        int digits = Math.max(0, program.currency().getDefaultFractionDigits());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        format.setGroupingUsed(false);
        return format.format(amount.setScale(digits, RoundingMode.HALF_UP)) + " "
                + program.currency().getCurrencyCode();
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
