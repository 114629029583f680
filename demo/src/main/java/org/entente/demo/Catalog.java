package org.entente.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** Builds the demo catalog from {@link CatalogTemplates}, pricing each item from the seed. */
final class Catalog {

    private static final Currency EUR = Currency.getInstance("EUR");

    private Catalog() {
    }

    static List<Product> generate(long seed) {
        var products = new ArrayList<Product>();
        for (var department : CatalogTemplates.DEPARTMENTS) {
            var items = department.items();
            for (int i = 0; i < items.size(); i++) {
                var item = items.get(i);
                int number = products.size() + 1;
                var random = RandomStream.CATALOG.at(seed, number);
                double price = item.minPrice() + random.nextDouble() * (item.maxPrice() - item.minPrice());
                products.add(new Product("SKU-%06d".formatted(number), item.name(),
                        department.brands().get(i % department.brands().size()), department.category(),
                        shelfPrice(price), EUR));
            }
        }
        return List.copyOf(products);
    }

    /** Rounds up to the price endings shoppers expect: 2.49 under 5 euros, 12.99 under 100, 129.99 above. */
    static BigDecimal shelfPrice(double price) {
        long cents;
        if (price < 5) {
            cents = (long) Math.floor(price * 10) * 10 + 9;
        } else if (price < 100) {
            cents = (long) Math.ceil(price) * 100 - 1;
        } else {
            cents = (long) Math.ceil(price / 10) * 1000 - 1;
        }
        return BigDecimal.valueOf(cents, 2);
    }
}
