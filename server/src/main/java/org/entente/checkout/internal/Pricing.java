package org.entente.checkout.internal;

import org.entente.checkout.Offer;
import org.entente.loyalty.Program;
import org.entente.profile.Channel;
import org.entente.profile.Lifecycle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Prices a basket: which offers apply, what each takes off which lines, which units are rewarded and for how many
 * points. Pure and deterministic: the same basket, shopper, catalog and time give the same answer.
 * <p>
 * Offers are resolved in the catalog's order (priority, highest first, then id). The first offer that applies
 * decides: if it is exclusive, it alone applies; if it is stackable, every following stackable offer applies too, on
 * what is left of each line's price, and exclusive ones are left out. Each offer is capped by its
 * {@code maxDiscount}. A reward paid with points applies to as many units as the shopper's available points pay for.
 */
public final class Pricing {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Pricing() {
    }

    /** A basket line; brand and category may be null. */
    public record Line(String sku, String name, String brand, String category, int quantity, BigDecimal unitPrice) {
        public Line {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(unitPrice, "unitPrice");
        }

        String brandKey() {
            return brand == null ? null : CustomerState.key(brand);
        }

        String categoryKey() {
            return category == null ? null : CustomerState.key(category);
        }

        BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    /**
     * A recognised customer, as a quote sees them.
     *
     * @param tier         the tier code, null for none
     * @param memberPrices the member prices of that tier
     * @param lifecycle    null when the catalog did not need it
     * @param birthDate    null when unknown or not needed
     * @param points       the points available to spend
     */
    public record Shopper(String tier, List<Program.Benefit.MemberPrice> memberPrices, CustomerState state,
                          Lifecycle lifecycle, LocalDate birthDate, long points) {
    }

    /** Why an offer applied: a message key and its arguments, put in words in the reader's language. */
    public record Reason(String key, List<Object> args) {
    }

    /**
     * @param discounts  what it takes off each line (same order as the basket), zero for lines it does not touch
     * @param pointsCost the points that pay for it (rewards paid with points), 0 otherwise
     * @param rewards    for an nth-purchase offer, the units rewarded per SKU
     */
    public record Applied(Offer offer, BigDecimal discount, BigDecimal[] discounts, long pointsCost,
                          List<Reward> rewards, Reason reason) {

        public List<String> appliesTo(List<Line> lines) {
            List<String> skus = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (discounts[i].signum() > 0 && !skus.contains(lines.get(i).sku())) {
                    skus.add(lines.get(i).sku());
                }
            }
            return skus;
        }
    }

    /** Units of a SKU rewarded by an nth-purchase offer, and the points paying for them. */
    public record Reward(UUID offerId, String sku, int units, long points) {
    }

    /** The priced basket: offers applied in order, each line's discount, totals before points are redeemed. */
    public record Priced(List<Applied> offers, BigDecimal[] lineDiscounts, BigDecimal subtotal,
                         BigDecimal discountTotal, long pointsCost) {

        public BigDecimal total() {
            return subtotal.subtract(discountTotal);
        }
    }

    public static Priced price(Catalog catalog, Currency currency, Channel channel, List<Line> lines,
                               Shopper shopper, Instant now, ZoneId zone) {
        int scale = Math.max(0, currency.getDefaultFractionDigits());
        BigDecimal[] remaining = new BigDecimal[lines.size()];
        BigDecimal subtotal = BigDecimal.ZERO.setScale(scale);
        for (int i = 0; i < lines.size(); i++) {
            remaining[i] = lines.get(i).amount().setScale(scale, RoundingMode.UNNECESSARY);
            subtotal = subtotal.add(remaining[i]);
        }
        List<Applied> applied = new ArrayList<>();
        long pointsLeft = shopper == null ? 0 : shopper.points();
        boolean exclusive = false;
        for (Catalog.Compiled compiled : catalog.offers()) {
            Offer offer = compiled.offer();
            if (exclusive || (!offer.stackable() && !applied.isEmpty())
                    || !compiled.appliesAt(now, channel, currency)) {
                continue;
            }
            Applied a = switch (offer) {
                case Offer.NthPurchase o -> nth(compiled, o, lines, remaining, shopper, pointsLeft, scale);
                case Offer.MemberPrice o -> memberPrice(o, lines, remaining, shopper, scale);
                case Offer.BasketOffer o -> basket(compiled, o, lines, remaining, scale);
                case Offer.PersonalOffer o -> shopper != null && eligible(o.conditions(), shopper, now, zone)
                        ? discounted(compiled, o, o.minSubtotal(), null, o.discount(), lines, remaining, scale,
                        new Reason("checkout.reason.personal", List.of())) : null;
            };
            if (a == null || a.discount().signum() <= 0) {
                continue;
            }
            a = capped(a, offer.maxDiscount(), scale);
            for (int i = 0; i < remaining.length; i++) {
                remaining[i] = remaining[i].subtract(a.discounts()[i]);
            }
            pointsLeft -= a.pointsCost();
            applied.add(a);
            exclusive = !offer.stackable();
        }
        BigDecimal[] lineDiscounts = new BigDecimal[lines.size()];
        BigDecimal discountTotal = BigDecimal.ZERO.setScale(scale);
        for (int i = 0; i < lines.size(); i++) {
            lineDiscounts[i] = lines.get(i).amount().setScale(scale, RoundingMode.UNNECESSARY).subtract(remaining[i]);
            discountTotal = discountTotal.add(lineDiscounts[i]);
        }
        long pointsCost = applied.stream().mapToLong(Applied::pointsCost).sum();
        return new Priced(applied, lineDiscounts, subtotal, discountTotal, pointsCost);
    }

    /**
     * The units whose rank, counting the person's past units (net of returns) then the basket's in order, is a
     * multiple of {@code every}; never more than the rewards due since the last one granted, so that a unit is
     * rewarded once and a return of a paid unit does not make a free one due again.
     */
    private static Applied nth(Catalog.Compiled compiled, Offer.NthPurchase offer, List<Line> lines,
                               BigDecimal[] remaining, Shopper shopper, long pointsLeft, int scale) {
        long past = shopper == null ? 0 : shopper.state().units(compiled.counted());
        long rewarded = shopper == null ? 0 : shopper.state().rewarded(offer.id());
        long inBasket = 0;
        for (Line line : lines) {
            if (compiled.matches(line)) {
                inBasket += line.quantity();
            }
        }
        int every = offer.every();
        long due = (past + inBasket) / every - Math.max(rewarded, past / every);
        if (due <= 0) {
            return null;
        }
        Offer.Reward reward = offer.reward();
        if (reward.paidWithPoints() && shopper == null) {
            return null;
        }
        // The rewarded ranks are the last `due` multiples of `every` within (past, past + inBasket].
        long last = (past + inBasket) / every * every;
        long first = last - (due - 1) * every;
        int[] units = new int[lines.size()];
        long rank = past;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (!compiled.matches(line)) {
                continue;
            }
            long from = rank + 1;
            long to = rank + line.quantity();
            rank = to;
            long start = Math.max(first, ceilTo(from, every));
            if (start <= to) {
                units[i] = (int) ((Math.min(to, last) - start) / every + 1);
            }
        }
        BigDecimal[] discounts = zeros(lines.size(), scale);
        BigDecimal total = BigDecimal.ZERO.setScale(scale);
        long points = 0;
        List<Reward> rewards = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (units[i] == 0) {
                continue;
            }
            Line line = lines.get(i);
            BigDecimal unitLeft = remaining[i].divide(BigDecimal.valueOf(line.quantity()), 8, RoundingMode.DOWN);
            BigDecimal unitDiscount = unitLeft.multiply(reward.percentOff()).divide(HUNDRED, scale,
                    RoundingMode.HALF_UP);
            int granted = units[i];
            long unitPoints = 0;
            if (reward.paidWithPoints()) {
                unitPoints = unitDiscount.multiply(reward.pointsPerUnitOfCurrency()).setScale(0, RoundingMode.CEILING)
                        .longValueExact();
                granted = unitPoints == 0 ? granted : (int) Math.min(granted, (pointsLeft - points) / unitPoints);
            }
            if (granted <= 0 || unitDiscount.signum() <= 0) {
                continue;
            }
            discounts[i] = unitDiscount.multiply(BigDecimal.valueOf(granted)).min(remaining[i]);
            total = total.add(discounts[i]);
            points += unitPoints * granted;
            rewards.add(new Reward(offer.id(), line.sku(), granted, unitPoints * granted));
        }
        if (total.signum() == 0) {
            return null;
        }
        int units0 = rewards.stream().mapToInt(Reward::units).sum();
        return new Applied(offer, total, discounts, points, rewards, new Reason(
                reward.paidWithPoints() ? "checkout.reason.nthPoints" : "checkout.reason.nth",
                List.of(every, describe(offer.match()), past, units0, reward.percentOff().stripTrailingZeros()
                        .toPlainString(), points)));
    }

    private static long ceilTo(long value, long every) {
        return (value + every - 1) / every * every;
    }

    private static Applied memberPrice(Offer.MemberPrice offer, List<Line> lines, BigDecimal[] remaining,
                                       Shopper shopper, int scale) {
        if (shopper == null || shopper.tier() == null || shopper.memberPrices().isEmpty()
                || (!offer.tiers().isEmpty() && !offer.tiers().contains(shopper.tier()))) {
            return null;
        }
        BigDecimal[] discounts = zeros(lines.size(), scale);
        BigDecimal total = BigDecimal.ZERO.setScale(scale);
        BigDecimal best = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            BigDecimal percent = BigDecimal.ZERO;
            for (Program.Benefit.MemberPrice price : shopper.memberPrices()) {
                if (covers(price, lines.get(i)) && price.percent().compareTo(percent) > 0) {
                    percent = price.percent();
                }
            }
            if (percent.signum() > 0) {
                discounts[i] = remaining[i].multiply(percent).divide(HUNDRED, scale, RoundingMode.HALF_UP);
                total = total.add(discounts[i]);
                best = best.max(percent);
            }
        }
        return new Applied(offer, total, discounts, 0, List.of(), new Reason("checkout.reason.memberPrice",
                List.of(shopper.tier(), best.stripTrailingZeros().toPlainString())));
    }

    private static boolean covers(Program.Benefit.MemberPrice price, Line line) {
        if (price.categories().isEmpty() && price.brands().isEmpty()) {
            return true;
        }
        return (line.categoryKey() != null && price.categories().stream()
                .anyMatch(c -> CustomerState.key(c).equals(line.categoryKey())))
                || (line.brandKey() != null && price.brands().stream()
                .anyMatch(b -> CustomerState.key(b).equals(line.brandKey())));
    }

    private static Applied basket(Catalog.Compiled compiled, Offer.BasketOffer offer, List<Line> lines,
                                  BigDecimal[] remaining, int scale) {
        long units = 0;
        for (Line line : lines) {
            if (compiled.matches(line)) {
                units += line.quantity();
            }
        }
        if (offer.minQuantity() != null && units < offer.minQuantity()) {
            return null;
        }
        Reason reason = offer.nthItem() != null
                ? new Reason("checkout.reason.nthItem", List.of(offer.nthItem()))
                : offer.minSubtotal() != null
                ? new Reason("checkout.reason.threshold", List.of(offer.minSubtotal().toPlainString()))
                : new Reason("checkout.reason.basket", List.of());
        return discounted(compiled, offer, offer.minSubtotal(), offer.nthItem(), offer.discount(), lines, remaining,
                scale, reason);
    }

    /**
     * {@code discount} on the matching lines when their listed amount reaches {@code minSubtotal}; with
     * {@code nthItem}, on every nth matching unit, the dearest units counted first.
     */
    private static Applied discounted(Catalog.Compiled compiled, Offer offer, BigDecimal minSubtotal,
                                      Integer nthItem, Offer.Discount discount, List<Line> lines,
                                      BigDecimal[] remaining, int scale, Reason reason) {
        BigDecimal listed = BigDecimal.ZERO;
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (compiled.matches(lines.get(i)) && remaining[i].signum() > 0) {
                matching.add(i);
                listed = listed.add(lines.get(i).amount());
            }
        }
        if (matching.isEmpty() || (minSubtotal != null && listed.compareTo(minSubtotal) < 0)) {
            return null;
        }
        BigDecimal[] discounts = zeros(lines.size(), scale);
        if (nthItem != null) {
            // Units, the dearest first (then basket order): every nth of them is discounted.
            List<Integer> order = new ArrayList<>(matching);
            order.sort(Comparator.comparing((Integer i) -> lines.get(i).unitPrice()).reversed()
                    .thenComparing(i -> i));
            long rank = 0;
            for (int i : order) {
                Line line = lines.get(i);
                long before = rank / nthItem;
                rank += line.quantity();
                long n = rank / nthItem - before;
                if (n == 0) {
                    continue;
                }
                BigDecimal unitLeft = remaining[i].divide(BigDecimal.valueOf(line.quantity()), 8, RoundingMode.DOWN);
                BigDecimal unitOff = discount.percentOff() != null
                        ? unitLeft.multiply(discount.percentOff()).divide(HUNDRED, scale, RoundingMode.HALF_UP)
                        : discount.amountOff().min(unitLeft).setScale(scale, RoundingMode.DOWN);
                discounts[i] = unitOff.multiply(BigDecimal.valueOf(n)).min(remaining[i]);
            }
        } else if (discount.percentOff() != null) {
            for (int i : matching) {
                discounts[i] = remaining[i].multiply(discount.percentOff()).divide(HUNDRED, scale,
                        RoundingMode.HALF_UP);
            }
        } else {
            spread(discount.amountOff(), matching, remaining, discounts, scale);
        }
        BigDecimal total = BigDecimal.ZERO.setScale(scale);
        for (BigDecimal d : discounts) {
            total = total.add(d);
        }
        return new Applied(offer, total, discounts, 0, List.of(), reason);
    }

    /**
     * Spreads an amount over lines in proportion to what is left of them, never more than is left of a line: shares
     * are rounded down, and the cents left over go to the last lines that still have room, so that exactly the
     * amount (or all that is left, if less) is given.
     */
    private static void spread(BigDecimal amount, List<Integer> lines, BigDecimal[] remaining, BigDecimal[] into,
                               int scale) {
        BigDecimal left = BigDecimal.ZERO;
        for (int i : lines) {
            left = left.add(remaining[i]);
        }
        if (left.signum() <= 0) {
            return;
        }
        BigDecimal off = amount.min(left).setScale(scale, RoundingMode.DOWN);
        BigDecimal given = BigDecimal.ZERO;
        for (int i : lines) {
            into[i] = off.multiply(remaining[i]).divide(left, scale, RoundingMode.DOWN).min(remaining[i]);
            given = given.add(into[i]);
        }
        BigDecimal rest = off.subtract(given);
        for (int k = lines.size() - 1; k >= 0 && rest.signum() > 0; k--) {
            int i = lines.get(k);
            BigDecimal more = remaining[i].subtract(into[i]).min(rest);
            into[i] = into[i].add(more);
            rest = rest.subtract(more);
        }
    }

    /** The offer's discount brought down to its cap, line by line in proportion. */
    private static Applied capped(Applied a, BigDecimal max, int scale) {
        if (max == null || a.discount().compareTo(max) <= 0) {
            return a;
        }
        List<Integer> touched = new ArrayList<>();
        for (int i = 0; i < a.discounts().length; i++) {
            if (a.discounts()[i].signum() > 0) {
                touched.add(i);
            }
        }
        BigDecimal[] discounts = zeros(a.discounts().length, scale);
        spread(max, touched, a.discounts(), discounts, scale);
        // Points pay for what is left of the reward, rounded up to a whole point, shared among its rewards in
        // proportion (largest remainders first), so that the rewards add up to exactly what the offer costs.
        long points = a.pointsCost() == 0 ? 0 : BigDecimal.valueOf(a.pointsCost()).multiply(max)
                .divide(a.discount(), 0, RoundingMode.CEILING).longValueExact();
        long[] shares = apportion(points, a.rewards().stream().mapToLong(Reward::points).toArray());
        List<Reward> rewards = new ArrayList<>();
        for (int k = 0; k < a.rewards().size(); k++) {
            Reward r = a.rewards().get(k);
            rewards.add(new Reward(r.offerId(), r.sku(), r.units(), shares[k]));
        }
        return new Applied(a.offer(), max.setScale(scale, RoundingMode.DOWN), discounts, points, rewards,
                a.reason());
    }

    /** {@code total} shared in proportion to {@code weights}: rounded down, the rest to the largest remainders. */
    static long[] apportion(long total, long[] weights) {
        long[] shares = new long[weights.length];
        long sum = java.util.Arrays.stream(weights).sum();
        if (sum == 0 || total == 0) {
            return shares;
        }
        long given = 0;
        long[] remainders = new long[weights.length];
        for (int k = 0; k < weights.length; k++) {
            shares[k] = Math.multiplyExact(total, weights[k]) / sum;
            remainders[k] = Math.multiplyExact(total, weights[k]) % sum;
            given += shares[k];
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            order.add(k);
        }
        order.sort(Comparator.comparing((Integer k) -> -remainders[k]).thenComparing(k -> k));
        for (int k = 0; given < total; k = (k + 1) % order.size()) {
            shares[order.get(k)]++;
            given++;
        }
        return shares;
    }

    private static boolean eligible(Offer.Conditions c, Shopper shopper, Instant now, ZoneId zone) {
        if (c.lifecycles() != null && (shopper.lifecycle() == null
                || !c.lifecycles().contains(shopper.lifecycle().code()))) {
            return false;
        }
        if (c.tiers() != null && (shopper.tier() == null || !c.tiers().contains(shopper.tier()))) {
            return false;
        }
        if (c.categoriesBought() != null && c.categoriesBought().stream()
                .noneMatch(category -> shopper.state().boughtCategory(category))) {
            return false;
        }
        if (c.lastPurchaseOlderThanDays() != null && shopper.state().lastPurchaseAt() != null
                && shopper.state().lastPurchaseAt().isAfter(now.minus(Duration.ofDays(c.lastPurchaseOlderThanDays())))) {
            return false;
        }
        return c.birthdayMonth() == null || (shopper.birthDate() != null
                && shopper.birthDate().getMonth() == now.atZone(zone).getMonth());
    }

    /** "brand Pampers": what an nth-purchase offer counts, for its reason. */
    private static Map<String, String> describe(Offer.Match match) {
        Map<String, String> what = new LinkedHashMap<>();
        if (match.sku() != null) {
            what.put("sku", match.sku());
        } else if (match.brand() != null) {
            what.put("brand", match.brand());
        } else {
            what.put("category", match.category());
        }
        return what;
    }

    private static BigDecimal[] zeros(int n, int scale) {
        BigDecimal[] values = new BigDecimal[n];
        java.util.Arrays.fill(values, BigDecimal.ZERO.setScale(scale));
        return values;
    }
}
