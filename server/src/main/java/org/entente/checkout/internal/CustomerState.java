package org.entente.checkout.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.entente.profile.EventFacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What checkout keeps of one person, as one compact JSON document read in one query at quote time. Mutable, owned by
 * the thread that read it.
 *
 * @param skus       per SKU: units bought net of returns, and when it was last bought (at most {@link #MAX_SKUS},
 *                   the least recently bought dropped first)
 * @param brands     units bought per brand, lower-cased, net of returns
 * @param categories units bought per category, lower-cased, net of returns
 * @param rewarded   units rewarded per nth-purchase offer, net of the rewards reversed by returns
 * @param wishlist   newest first, at most {@link #MAX_WISHES}
 * @param orders     the ids of the latest orders counted (at most {@link #MAX_ORDERS}): an order that comes again
 *                   under another event id (a till's quote confirmed, then its journal uploaded) counts once
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerState(Map<String, Sku> skus, Map<String, Long> brands, Map<String, Long> categories,
                            Map<UUID, Long> rewarded, List<Wish> wishlist, Instant lastPurchaseAt,
                            List<String> orders) {

    static final int MAX_SKUS = 300;
    static final int MAX_ORDERS = 50;
    static final int MAX_WISHES = 50;
    static final int MAX_KEYS = 300;

    public CustomerState {
        skus = skus == null ? new HashMap<>() : new HashMap<>(skus);
        brands = brands == null ? new HashMap<>() : new HashMap<>(brands);
        categories = categories == null ? new HashMap<>() : new HashMap<>(categories);
        rewarded = rewarded == null ? new HashMap<>() : new HashMap<>(rewarded);
        wishlist = wishlist == null ? new ArrayList<>() : new ArrayList<>(wishlist);
        orders = orders == null ? new ArrayList<>() : new ArrayList<>(orders);
    }

    public static CustomerState empty() {
        return new CustomerState(null, null, null, null, null, null, null);
    }

    /** @param at when it was last bought */
    public record Sku(long units, Instant at) {
    }

    public record Wish(String sku, String name, Instant addedAt) {
    }

    static String key(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** Units bought of what an nth-purchase offer counts: a SKU, a brand or a category. */
    public long units(MatchKey match) {
        return switch (match.field()) {
            case SKU -> skus.containsKey(match.value()) ? skus.get(match.value()).units() : 0;
            case BRAND -> brands.getOrDefault(match.value(), 0L);
            case CATEGORY -> categories.getOrDefault(match.value(), 0L);
        };
    }

    public long rewarded(UUID offer) {
        return rewarded.getOrDefault(offer, 0L);
    }

    public boolean boughtCategory(String category) {
        return categories.getOrDefault(key(category), 0L) > 0;
    }

    /** When this SKU was last bought, if it is still remembered. */
    public Instant lastBought(String sku) {
        Sku s = skus.get(sku);
        return s == null ? null : s.at();
    }

    CustomerState purchased(EventFacts.Purchase purchase, Instant at) {
        if (orders.contains(purchase.orderId())) {
            return this;
        }
        orders.add(purchase.orderId());
        if (orders.size() > MAX_ORDERS) {
            orders.removeFirst();
        }
        for (EventFacts.Item item : purchase.items()) {
            count(item, item.quantity(), at);
        }
        if (lastPurchaseAt == null || at.isAfter(lastPurchaseAt)) {
            return new CustomerState(skus, brands, categories, rewarded, wishlist, at, orders).bounded();
        }
        return bounded();
    }

    CustomerState returned(EventFacts.Return returned) {
        for (EventFacts.Item item : returned.items()) {
            count(item, -item.quantity(), null);
        }
        return this;
    }

    private void count(EventFacts.Item item, int units, Instant at) {
        skus.compute(item.sku(), (sku, known) -> {
            long total = Math.max(0, (known == null ? 0 : known.units()) + units);
            Instant last = known == null ? at : at == null ? known.at()
                    : known.at() == null || at.isAfter(known.at()) ? at : known.at();
            return total == 0 && last == null ? null : new Sku(total, last);
        });
        item.brand().ifPresent(brand -> add(brands, key(brand), units));
        item.category().ifPresent(category -> add(categories, key(category), units));
    }

    /** Adds units to a count, which never goes below zero (a return of what was bought before it was counted). */
    private static <K> void add(Map<K, Long> counts, K key, long units) {
        long total = Math.max(0, counts.getOrDefault(key, 0L) + units);
        if (total == 0) {
            counts.remove(key);
        } else {
            counts.put(key, total);
        }
    }

    void reward(UUID offer, long units) {
        add(rewarded, offer, units);
    }

    /** A remove older than the add it would undo (an offline device syncing late) changes nothing. */
    void wish(EventFacts.Wishlist wish, Instant at) {
        if (!wish.added() && wishlist.stream().anyMatch(w -> w.sku().equals(wish.sku()) && w.addedAt().isAfter(at))) {
            return;
        }
        wishlist.removeIf(w -> w.sku().equals(wish.sku()));
        if (wish.added()) {
            wishlist.add(new Wish(wish.sku(), wish.name().orElse(null), at));
            wishlist.sort(Comparator.comparing(Wish::addedAt).reversed());
            while (wishlist.size() > MAX_WISHES) {
                wishlist.removeLast();
            }
        }
    }

    /** Both persons' purchases, rewards and wishes, as one: a merge. */
    CustomerState plus(CustomerState other) {
        other.skus.forEach((sku, s) -> skus.merge(sku, s, (a, b) -> new Sku(a.units() + b.units(),
                a.at() == null ? b.at() : b.at() == null || a.at().isAfter(b.at()) ? a.at() : b.at())));
        other.brands.forEach((k, v) -> brands.merge(k, v, Long::sum));
        other.categories.forEach((k, v) -> categories.merge(k, v, Long::sum));
        other.rewarded.forEach((k, v) -> rewarded.merge(k, v, Long::sum));
        for (Wish wish : other.wishlist) {
            if (wishlist.stream().noneMatch(w -> w.sku().equals(wish.sku()))) {
                wishlist.add(wish);
            }
        }
        wishlist.sort(Comparator.comparing(Wish::addedAt).reversed());
        while (wishlist.size() > MAX_WISHES) {
            wishlist.removeLast();
        }
        Instant last = lastPurchaseAt == null ? other.lastPurchaseAt : other.lastPurchaseAt == null
                || lastPurchaseAt.isAfter(other.lastPurchaseAt) ? lastPurchaseAt : other.lastPurchaseAt;
        for (String order : other.orders) {
            if (!orders.contains(order)) {
                orders.add(order);
            }
        }
        while (orders.size() > MAX_ORDERS) {
            orders.removeFirst();
        }
        return new CustomerState(skus, brands, categories, rewarded, wishlist, last, orders).bounded();
    }

    /** Keeps the state compact: the SKUs bought least recently, and the rarest brands and categories, go first. */
    private CustomerState bounded() {
        if (skus.size() > MAX_SKUS) {
            List<Map.Entry<String, Sku>> oldest = new ArrayList<>(skus.entrySet());
            oldest.sort(Comparator.comparing((Map.Entry<String, Sku> e) -> e.getValue().at(),
                    Comparator.nullsFirst(Comparator.naturalOrder())));
            oldest.subList(0, skus.size() - MAX_SKUS).forEach(e -> skus.remove(e.getKey()));
        }
        trim(brands);
        trim(categories);
        return this;
    }

    private static void trim(Map<String, Long> counts) {
        counts.values().removeIf(v -> v <= 0);
        if (counts.size() > MAX_KEYS) {
            List<Map.Entry<String, Long>> rarest = new ArrayList<>(counts.entrySet());
            rarest.sort(Map.Entry.comparingByValue());
            rarest.subList(0, counts.size() - MAX_KEYS).forEach(e -> counts.remove(e.getKey()));
        }
    }
}
