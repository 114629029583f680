package org.entente.bench.imports;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.entente.bench.workload.Population;
import org.entente.demo.Product;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionsCsvTest {

    private static final Instant UNTIL = Instant.parse("2026-03-01T12:00:00Z");
    private static final long ROWS = 20_000;

    @TempDir
    Path dir;

    private final Population population = new Population(5, "t2");

    @Test
    void theSameInputsGiveTheSameFileAndAnotherSeedAnother() throws IOException {
        var first = dir.resolve("first.csv");
        var again = dir.resolve("again.csv");
        var other = dir.resolve("other.csv");
        TransactionsCsv.write(first, population, 5, 1_000, UNTIL);
        TransactionsCsv.write(again, population, 5, 1_000, UNTIL);
        TransactionsCsv.write(other, new Population(6, "t2"), 6, 1_000, UNTIL);

        assertThat(Files.mismatch(first, again)).isEqualTo(-1);
        assertThat(Files.mismatch(first, other)).isNotEqualTo(-1);
    }

    @Test
    void writesExactlyTheRowsAskedOneOrderAfterTheOtherPricedFromTheCatalog() throws IOException {
        var file = dir.resolve("transactions.csv");
        var summary = TransactionsCsv.write(file, population, 5, ROWS, UNTIL);
        var catalog = population.catalog().stream().collect(Collectors.toMap(Product::sku, Function.identity()));

        List<CsvRecord> records = read(file);
        assertThat(records.getFirst().getFields()).isEqualTo(TransactionsCsv.HEADER);
        var rows = records.subList(1, records.size());
        assertThat(rows).hasSize((int) ROWS);
        assertThat(TransactionsCsv.countRows(file)).isEqualTo(ROWS);
        assertThat(summary.rows()).isEqualTo(ROWS);

        var finishedOrders = new HashSet<String>();
        var itemsPerOrder = new HashMap<String, Integer>();
        var ordersPerCustomer = new HashMap<String, Integer>();
        String current = null;
        for (var row : rows) {
            String orderId = row.getField(0);
            if (!orderId.equals(current)) {
                assertThat(finishedOrders.add(orderId)).as("order %s comes back", orderId).isTrue();
                ordersPerCustomer.merge(row.getField(1), 1, Integer::sum);
                current = orderId;
            }
            itemsPerOrder.merge(orderId, 1, Integer::sum);
            var product = catalog.get(row.getField(4));
            assertThat(product).isNotNull();
            assertThat(row.getField(5)).isEqualTo(product.name());
            assertThat(new BigDecimal(row.getField(9))).isEqualByComparingTo(product.unitPrice());
            assertThat(Integer.parseInt(row.getField(8))).isPositive();
            assertThat(Instant.parse(row.getField(3))).isBefore(UNTIL);
            assertThat(row.getField(11).isEmpty()).isEqualTo(!row.getField(12).equals("store"));
            assertThat(row.getField(1)).startsWith("t2-C");
            assertThat(row.getField(2)).contains(".t2@example.");
        }
        assertThat(itemsPerOrder.values()).allSatisfy(items -> assertThat(items).isBetween(1, 5));
        assertThat(summary.orders()).isEqualTo(itemsPerOrder.size());
        assertThat(summary.customers()).isEqualTo(ordersPerCustomer.size());
        long returning = ordersPerCustomer.values().stream().filter(orders -> orders > 1).count();
        assertThat(returning / (double) ordersPerCustomer.size()).isBetween(0.1, 0.3);
    }

    @Test
    void writesTheHistoriesOfExactlyTheCustomersAskedEachBuyingAtLeastOnce() throws IOException {
        var file = dir.resolve("customers.csv");
        var again = dir.resolve("again.csv");
        var summary = TransactionsCsv.writeCustomers(file, population, 5, 3_000, UNTIL);
        TransactionsCsv.writeCustomers(again, population, 5, 3_000, UNTIL);

        assertThat(Files.mismatch(file, again)).isEqualTo(-1);
        var rows = read(file).subList(1, (int) summary.rows() + 1);
        assertThat(TransactionsCsv.countRows(file)).isEqualTo(summary.rows());
        var customerIds = rows.stream().map(row -> row.getField(1)).collect(Collectors.toSet());
        var expected = LongStream.range(0, 3_000).mapToObj(population::customerId).collect(Collectors.toSet());
        assertThat(customerIds).isEqualTo(expected);
        assertThat(summary.customers()).isEqualTo(3_000);
        assertThat(summary.orders()).isEqualTo(rows.stream().map(row -> row.getField(0)).distinct().count());
        assertThat(rows).allSatisfy(row -> assertThat(Instant.parse(row.getField(3))).isBefore(UNTIL));
        // The rows are spread over the whole window.
        assertThat(Instant.parse(rows.getLast().getField(3)))
                .isAfter(UNTIL.minus(TransactionsCsv.WINDOW.dividedBy(100)));
        // The same draws as a file cut at a number of rows, up to the last order that fits in both.
        var byRows = dir.resolve("rows.csv");
        TransactionsCsv.write(byRows, population, 5, 1_000, UNTIL);
        var rowsCut = read(byRows).subList(1, 1_000);
        for (int i = 0; i < 900; i++) {
            assertThat(rowsCut.get(i).getField(0)).isEqualTo(rows.get(i).getField(0));
            assertThat(rowsCut.get(i).getField(4)).isEqualTo(rows.get(i).getField(4));
        }
    }

    private static List<CsvRecord> read(Path file) throws IOException {
        try (var reader = CsvReader.builder().ofCsvRecord(file)) {
            return reader.stream().toList();
        }
    }
}
