package org.entente.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoCatalogTest {

    private final List<Product> catalog = DemoBrand.of(42).catalog();

    @Test
    void hasAboutTwoHundredProductsInEveryCategoryFromAboutFifteenBrands() {
        assertThat(catalog).hasSize(200);
        var perCategory = catalog.stream().collect(Collectors.groupingBy(Product::category, Collectors.counting()));
        assertThat(perCategory.keySet()).isEqualTo(EnumSet.allOf(Category.class));
        assertThat(perCategory.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(20));
        assertThat(catalog.stream().map(Product::brand).distinct().count()).isBetween(12L, 20L);
    }

    @Test
    void skusAreUniqueAndWellFormed() {
        assertThat(catalog).extracting(Product::sku).doesNotHaveDuplicates()
                .allSatisfy(sku -> assertThat(sku).matches("^SKU-\\d{6}$"))
                .startsWith("SKU-000001");
    }

    @Test
    void pricesArePositiveEurosWithTwoDecimals() {
        assertThat(catalog).allSatisfy(product -> {
            assertThat(product.unitPrice()).isPositive();
            assertThat(product.unitPrice().scale()).isEqualTo(2);
            assertThat(product.currency()).isEqualTo(Currency.getInstance("EUR"));
        });
    }

    @Test
    void pricesAreRealisticForTheirCategory() {
        assertThat(pricesOf(Category.GROCERY)).allSatisfy(price -> assertThat(price).isLessThan(new BigDecimal(30)));
        assertThat(pricesOf(Category.BOOKS)).allSatisfy(price -> assertThat(price).isLessThan(new BigDecimal(50)));
        assertThat(averagePrice(Category.FASHION)).isGreaterThan(3 * averagePrice(Category.GROCERY));
    }

    @Test
    void pricesEndTheWayShoppersExpect() {
        assertThat(Catalog.shelfPrice(1.13)).isEqualByComparingTo("1.19");
        assertThat(Catalog.shelfPrice(12.2)).isEqualByComparingTo("12.99");
        assertThat(Catalog.shelfPrice(123.0)).isEqualByComparingTo("129.99");
    }

    @Test
    void sameSeedGivesTheSameCatalog() {
        assertThat(DemoBrand.of(42).catalog()).isEqualTo(catalog);
    }

    @Test
    void anotherSeedKeepsTheProductsButChangesThePrices() {
        var other = DemoBrand.of(7).catalog();

        assertThat(other).extracting(Product::sku, Product::name, Product::brand)
                .isEqualTo(catalog.stream()
                        .map(product -> tuple(product.sku(), product.name(), product.brand()))
                        .toList());
        long repriced = IntStream.range(0, catalog.size())
                .filter(i -> catalog.get(i).unitPrice().compareTo(other.get(i).unitPrice()) != 0)
                .count();
        assertThat(repriced).isGreaterThan(100);
    }

    @Test
    void isImmutable() {
        assertThatThrownBy(() -> catalog.add(catalog.getFirst())).isInstanceOf(UnsupportedOperationException.class);
    }

    private List<BigDecimal> pricesOf(Category category) {
        return catalog.stream().filter(product -> product.category() == category).map(Product::unitPrice).toList();
    }

    private double averagePrice(Category category) {
        return pricesOf(category).stream().mapToDouble(BigDecimal::doubleValue).average().orElseThrow();
    }
}
