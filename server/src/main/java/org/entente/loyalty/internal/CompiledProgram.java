package org.entente.loyalty.internal;

import org.entente.loyalty.Program;
import org.entente.platform.Money;
import org.entente.profile.EventFacts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated program turned into lookups, once per version: the tiers by rank, the multipliers by SKU, brand and
 * category, the bonuses by event type. Evaluating an order is a few map lookups and sums, never an interpretation of
 * the definition. Immutable and thread-safe.
 */
public final class CompiledProgram {

    private final Program definition;
    private final int version;
    private final Currency currency;
    private final ZoneId zone;
    private final List<Program.Tier> tiers;
    private final Map<String, Integer> ranks = new HashMap<>();
    private final Map<String, BigDecimal> skuFactors = new HashMap<>();
    private final Map<String, BigDecimal> brandFactors = new HashMap<>();
    private final Map<String, BigDecimal> categoryFactors = new HashMap<>();
    private final Map<String, Program.Bonus> bonuses = new HashMap<>();
    private final Duration longestWindow;
    private final String cardTier;

    /** @throws IllegalArgumentException when the definition does not pass {@link ProgramValidator} */
    public CompiledProgram(Program definition) {
        var errors = ProgramValidator.validate(definition);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid program: " + errors);
        }
        this.definition = definition;
        this.version = definition.version() == null ? 0 : definition.version();
        this.currency = Currency.getInstance(definition.currency());
        this.zone = ZoneId.of(definition.timezone());
        this.tiers = definition.tiers();
        for (int rank = 0; rank < tiers.size(); rank++) {
            ranks.put(tiers.get(rank).code(), rank);
        }
        for (Program.Multiplier m : definition.earning().multipliers()) {
            Map<String, BigDecimal> target = m.sku() != null ? skuFactors : m.brand() != null ? brandFactors
                    : categoryFactors;
            String key = m.sku() != null ? m.sku() : m.brand() != null ? m.brand() : m.category();
            target.merge(key, m.factor(), BigDecimal::max);
        }
        definition.earning().bonuses().forEach(bonus -> bonuses.put(bonus.event(), bonus));
        this.longestWindow = Duration.ofDays(tiers.stream().mapToInt(t -> t.qualification().windowDays()).max()
                .orElse(0));
        Program.Card card = definition.card();
        this.cardTier = !card.issue() ? null : card.issueAtTier() != null ? card.issueAtTier()
                : tiers.isEmpty() ? null : tiers.getFirst().code();
    }

    public Program definition() {
        return definition;
    }

    public int version() {
        return version;
    }

    public boolean active() {
        return definition.active();
    }

    public Currency currency() {
        return currency;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<Program.Tier> tiers() {
        return tiers;
    }

    public Optional<Program.Tier> tier(String code) {
        Integer rank = code == null ? null : ranks.get(code);
        return rank == null ? Optional.empty() : Optional.of(tiers.get(rank));
    }

    /** The tier's rank, lowest 0; -1 for no tier, or a tier this version no longer has. */
    public int rank(String code) {
        Integer rank = code == null ? null : ranks.get(code);
        return rank == null ? -1 : rank;
    }

    /** The longest qualification window: orders older than this count for nothing. */
    public Duration longestWindow() {
        return longestWindow;
    }

    /** The highest tier met at {@code now}, if any. */
    public Optional<Program.Tier> qualifiedTier(QualificationWindow window, Instant now) {
        for (int rank = tiers.size() - 1; rank >= 0; rank--) {
            if (window.meets(tiers.get(rank).qualification(), now)) {
                return Optional.of(tiers.get(rank));
            }
        }
        return Optional.empty();
    }

    /**
     * Until when holding {@code code} stays justified if no order comes: the latest moment any tier at least as high
     * stays met. Empty when none is met now.
     */
    public Optional<Instant> justifiedUntil(String code, QualificationWindow window, Instant now) {
        Instant until = null;
        for (int rank = Math.max(0, rank(code)); rank < tiers.size(); rank++) {
            Optional<Instant> met = window.metUntil(tiers.get(rank).qualification(), now);
            if (met.isPresent() && (until == null || met.get().isAfter(until))) {
                until = met.get();
            }
        }
        return Optional.ofNullable(until);
    }

    /** The tier whose earning issues a card, if the program issues cards. */
    public Optional<String> cardTier() {
        return Optional.ofNullable(cardTier);
    }

    public String cardPrefix() {
        return definition.card().prefix() == null ? "2900" : definition.card().prefix();
    }

    /**
     * The points an order earns: its items weighed by their multipliers, scaled to what was paid (so that a discount
     * or a delivery fee in the total moves the points with it), times the points per unit, rounded down once.
     * Nothing for an order in another currency.
     */
    public long pointsFor(EventFacts.Purchase purchase) {
        if (!purchase.total().currency().equals(currency)) {
            return 0;
        }
        BigDecimal paid = purchase.total().amount();
        BigDecimal listed = BigDecimal.ZERO;
        BigDecimal weighed = BigDecimal.ZERO;
        for (EventFacts.Item item : purchase.items()) {
            BigDecimal amount = item.amount().amount();
            listed = listed.add(amount);
            weighed = weighed.add(amount.multiply(factor(item)));
        }
        BigDecimal base = listed.signum() == 0 ? paid
                : weighed.multiply(paid).divide(listed, 8, RoundingMode.DOWN);
        return base.multiply(definition.earning().pointsPerUnit()).setScale(0, RoundingMode.DOWN).longValueExact();
    }

    private BigDecimal factor(EventFacts.Item item) {
        BigDecimal factor = skuFactors.get(item.sku());
        if (factor == null && item.brand().isPresent()) {
            factor = brandFactors.get(item.brand().get());
        }
        if (factor == null && item.category().isPresent()) {
            factor = categoryFactors.get(item.category().get());
        }
        return factor == null ? BigDecimal.ONE : factor;
    }

    /** What counts as spend for qualification: the amount in the program currency, zero in any other. */
    public BigDecimal spendOf(Money amount) {
        return amount.currency().equals(currency) ? amount.amount() : BigDecimal.ZERO;
    }

    public Optional<Program.Bonus> bonus(String eventType) {
        return Optional.ofNullable(bonuses.get(eventType));
    }

    public Optional<Long> maxPointsPerDay() {
        return Optional.ofNullable(definition.earning().maxPointsPerDay());
    }

    /** When a lot earned at {@code earnedAt} expires by age (null: never). */
    public Instant expiresAt(Instant earnedAt) {
        Integer months = definition.expiry().monthsAfterEarn();
        return months == null ? null : earnedAt.atZone(zone).plusMonths(months).toInstant();
    }

    /** When every lot expires for want of activity after {@code lastActivity} (null: no such rule). */
    public Instant inactiveFrom(Instant lastActivity) {
        Integer months = definition.expiry().monthsOfInactivity();
        return months == null || lastActivity == null ? null : lastActivity.atZone(zone).plusMonths(months).toInstant();
    }

    /** The day an instant falls on, in the program's zone (daily caps count these). */
    public LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    public Program.Shortfall shortfall() {
        return definition.returns().shortfall();
    }

    public Duration grace() {
        return Duration.ofDays(definition.review().graceDays());
    }
}
