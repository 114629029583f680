package org.entente.demo;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * One product of the demo catalog.
 *
 * @param sku       the stock-keeping unit, {@code SKU-} and six digits; unique in the catalog and the same product
 *                  for every seed
 * @param name      the product name, in English, without the brand
 * @param brand     the fictional brand that makes it
 * @param category  the department it is sold in
 * @param unitPrice the shelf price, positive, with exactly two decimals; it varies with the seed
 * @param currency  the currency of {@code unitPrice}, always EUR
 */
public record Product(String sku, String name, String brand, Category category, BigDecimal unitPrice,
                      Currency currency) {

    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(currency, "currency");
    }
}
