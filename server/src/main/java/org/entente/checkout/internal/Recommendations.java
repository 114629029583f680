package org.entente.checkout.internal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Item-to-item co-purchase recommendations: for each SKU, the SKUs most often bought by the same persons. Computed
 * off the hot path from the persons' states (periodically, and on demand), held in memory; a quote only looks them
 * up.
 */
@Component
public class Recommendations {

    /** SKUs kept per SKU. */
    static final int TOP = 10;
    /** The SKUs a person contributes: their most recent ones (pairs grow with the square of this). */
    static final int SKUS_PER_PERSON = 30;
    /**
     * The most SKUs the counts are kept for while learning: memory stays bounded (a catalog larger than this learns
     * from the SKUs met first).
     */
    static final int MAX_SKUS = 50_000;

    private final CheckoutStore store;
    private final CheckoutProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AtomicReference<Map<String, List<String>>> model = new AtomicReference<>(Map.of());

    Recommendations(CheckoutStore store, CheckoutProperties properties, TransactionTemplate transactions,
                    Clock clock) {
        this.store = store;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A recommended SKU and the basket SKU it is most often bought with. */
    public record Suggestion(String sku, String boughtWith) {
    }

    /**
     * Up to {@code limit} SKUs bought with those of the basket, the most often first, leaving out what is in the
     * basket and what {@code exclude} refuses.
     */
    public List<Suggestion> suggest(List<String> basket, Predicate<String> exclude, int limit) {
        Map<String, List<String>> current = model.get();
        Map<String, Integer> score = new LinkedHashMap<>();
        Map<String, String> with = new HashMap<>();
        Set<String> inBasket = Set.copyOf(basket);
        for (String sku : basket) {
            List<String> others = current.getOrDefault(sku, List.of());
            for (int rank = 0; rank < others.size(); rank++) {
                String other = others.get(rank);
                if (inBasket.contains(other) || exclude.test(other)) {
                    continue;
                }
                score.merge(other, TOP - rank, Integer::sum);
                with.putIfAbsent(other, sku);
            }
        }
        return score.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(e -> new Suggestion(e.getKey(), with.get(e.getKey()))).toList();
    }

    /** Computes the model again from the persons whose purchases changed within the window. */
    public int refresh() {
        Map<String, Map<String, Integer>> pairs = new HashMap<>();
        Instant since = clock.instant().minus(properties.recommendationsWindow());
        int[] persons = {0};
        transactions.executeWithoutResult(status -> store.skusSince(since, properties.recommendationsMaxPersons(),
                skus -> {
                    persons[0]++;
                    count(pairs, skus);
                }));
        Map<String, List<String>> next = new HashMap<>();
        pairs.forEach((sku, others) -> next.put(sku, others.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).map(Map.Entry::getKey).toList()));
        model.set(Map.copyOf(next));
        return persons[0];
    }

    private static void count(Map<String, Map<String, Integer>> pairs, Collection<String> skus) {
        List<String> list = new ArrayList<>(skus).subList(0, Math.min(skus.size(), SKUS_PER_PERSON));
        for (int i = 0; i < list.size(); i++) {
            for (int j = 0; j < list.size(); j++) {
                if (i == j) {
                    continue;
                }
                Map<String, Integer> others = pairs.get(list.get(i));
                if (others == null) {
                    if (pairs.size() >= MAX_SKUS) {
                        continue;
                    }
                    others = new HashMap<>();
                    pairs.put(list.get(i), others);
                }
                if (others.size() < MAX_SKUS || others.containsKey(list.get(j))) {
                    others.merge(list.get(j), 1, Integer::sum);
                }
            }
        }
    }
}
