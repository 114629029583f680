package org.entente.bench.imports;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.entente.bench.workload.Basket;
import org.entente.bench.workload.Draws;
import org.entente.bench.workload.Population;

/**
 * The transactions file of {@code POST /api/v1/imports?kind=transactions}: CSV with a header, one row per line item,
 * the rows of an order together. Generated orders have 1 to 5 items priced from the demo catalog; about one order in
 * five is by a returning customer, so that roughly a fifth of the customers buy more than once. Orders are spread
 * evenly over the {@link #WINDOW} before {@code until}, in file order.
 */
final class TransactionsCsv {

    static final List<String> HEADER = List.of("orderId", "customerId", "email", "occurredAt", "sku", "name",
            "brand", "category", "quantity", "unitPrice", "currency", "store", "channel");

    /** The COPY baseline table's columns, in the order of {@link #HEADER}. */
    static final String COLUMNS = "order_id text, customer_id text, email text, occurred_at timestamptz, sku text, "
            + "name text, brand text, category text, quantity integer, unit_price numeric(12, 2), currency text, "
            + "store text, channel text";

    /** How far back the orders go. */
    static final Duration WINDOW = Duration.ofDays(365);

    private static final long ORDER_DRAWS = 0x082EFA98EC4E6C89L;
    private static final double RETURNING_SHARE = 0.2;

    private TransactionsCsv() {
    }

    /**
     * What a generated file holds.
     *
     * @param rows      line items, the data rows of the file
     * @param orders    distinct orders
     * @param customers distinct customers
     */
    record Summary(long rows, long orders, long customers) {
    }

    /**
     * Writes exactly {@code rows} line items to {@code file}, replacing it; the last order is cut short if needed.
     * The same population, seed, row count and {@code until} give the same bytes.
     */
    static Summary write(Path file, Population population, long seed, long rows, Instant until)
            throws IOException {
        var from = until.truncatedTo(ChronoUnit.SECONDS).minus(WINDOW);
        long windowMillis = WINDOW.toMillis();
        long row = 0;
        long order = 0;
        long customers = 0;
        try (var csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file, StandardCharsets.UTF_8)) {
            csv.writeRecord(HEADER);
            while (row < rows) {
                var random = Draws.at(seed, ORDER_DRAWS, order);
                boolean returning = random.nextDouble() < RETURNING_SHARE && customers > 0;
                long customerIndex = returning ? random.nextLong(customers) : customers++;
                double channelDraw = random.nextDouble();
                String channel = channelDraw < 0.6 ? "store" : channelDraw < 0.9 ? "web" : "app";
                var basket = Basket.draw(population.catalog(), random,
                        (int) Math.min(Basket.MAX_LINES, rows - row));
                var customer = population.customer(customerIndex);
                String orderId = population.run() + "-T" + order;
                String customerId = population.customerId(customerIndex);
                String email = population.email(customer);
                String occurredAt = from.plusMillis(row * windowMillis / rows).toString();
                String store = channel.equals("store") ? customer.city() : "";
                for (var line : basket.lines()) {
                    var product = line.product();
                    csv.writeRecord(orderId, customerId, email, occurredAt, product.sku(), product.name(),
                            product.brand(), line.category(), Integer.toString(line.quantity()),
                            product.unitPrice().toPlainString(), product.currency().getCurrencyCode(), store,
                            channel);
                }
                row += basket.lines().size();
                order++;
            }
        }
        return new Summary(rows, order, customers);
    }

    /** The data rows of a CSV file with a header, quoted line breaks read as such. */
    static long countRows(Path file) throws IOException {
        try (var reader = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
            return Math.max(0, reader.stream().count() - 1);
        }
    }
}
