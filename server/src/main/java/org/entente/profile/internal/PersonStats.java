package org.entente.profile.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters of one person row that have no column of their own, kept as JSON in {@code profile_person.stats}:
 * purchases and returns per currency, interactions per channel. Mutable: it lives only while a batch is recorded.
 */
public final class PersonStats {

    public Map<String, Purchases> purchases = new TreeMap<>();
    public Map<String, Interactions> channels = new TreeMap<>();

    public static final class Purchases {
        public long orders;
        public BigDecimal revenue = BigDecimal.ZERO;
        public long returns;
        public BigDecimal returned = BigDecimal.ZERO;
    }

    public static final class Interactions {
        public long events;
        public Instant lastAt;
    }

    void interaction(String channel, Instant at) {
        Interactions interactions = channels.computeIfAbsent(channel, c -> new Interactions());
        interactions.events++;
        if (interactions.lastAt == null || at.isAfter(interactions.lastAt)) {
            interactions.lastAt = at;
        }
    }

    void purchase(String currency, BigDecimal total) {
        Purchases totals = purchases.computeIfAbsent(currency, c -> new Purchases());
        totals.orders++;
        totals.revenue = totals.revenue.add(total);
    }

    void returned(String currency, BigDecimal amount) {
        Purchases totals = purchases.computeIfAbsent(currency, c -> new Purchases());
        totals.returns++;
        totals.returned = totals.returned.add(amount);
    }
}
