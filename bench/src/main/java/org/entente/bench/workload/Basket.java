package org.entente.bench.workload;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.entente.demo.Product;

/**
 * What one order contains: distinct products of the catalog, each with a quantity.
 *
 * @param lines the line items, at least one, each product once
 */
public record Basket(List<Line> lines) {

    /** The most line items a basket has. */
    public static final int MAX_LINES = 5;

    public Basket {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a basket has at least one line");
        }
    }

    /**
     * A basket of 1 to {@code maxLines} (at most {@link #MAX_LINES}) distinct products, fewer lines being commoner,
     * mostly one of each.
     */
    public static Basket draw(List<Product> catalog, SplittableRandom random, int maxLines) {
        int limit = Math.min(Math.min(maxLines, MAX_LINES), catalog.size());
        if (limit < 1) {
            throw new IllegalArgumentException("maxLines must be at least 1: " + maxLines);
        }
        // The smaller of two draws: one-line baskets are the commonest, five-line ones the rarest.
        int size = Math.min(1 + random.nextInt(limit), 1 + random.nextInt(limit));
        var lines = new ArrayList<Line>(size);
        var skus = new HashSet<String>();
        while (lines.size() < size) {
            var product = catalog.get(random.nextInt(catalog.size()));
            if (skus.add(product.sku())) {
                int quantity = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2);
                lines.add(new Line(product, quantity));
            }
        }
        return new Basket(lines);
    }

    /** The sum of the line amounts, with two decimals. */
    public BigDecimal total() {
        return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The currency of every line; the demo catalog has one. */
    public String currency() {
        return lines.getFirst().product().currency().getCurrencyCode();
    }

    /**
     * One line item.
     *
     * @param product  what is bought
     * @param quantity how many, at least 1
     */
    public record Line(Product product, int quantity) {

        public Line {
            Objects.requireNonNull(product, "product");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
            }
        }

        /** quantity × unit price. */
        public BigDecimal amount() {
            return product.unitPrice().multiply(BigDecimal.valueOf(quantity));
        }

        /** The product's department in lower case, e.g. {@code grocery}. */
        public String category() {
            return product.category().name().toLowerCase(Locale.ROOT);
        }
    }
}
