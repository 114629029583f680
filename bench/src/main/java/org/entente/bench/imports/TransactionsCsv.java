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
 *
 * <p>A file is cut either at a number of rows ({@link #write}, for the import scenario) or at a number of customers
 * ({@link #writeCustomers}, for the scenarios that need a population with purchase histories); both draw the same
 * sequence of orders from the seed.
 */
public final class TransactionsCsv {

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
    public record Summary(long rows, long orders, long customers) {
    }

    /**
     * Writes exactly {@code rows} line items to {@code file}, replacing it; the last order is cut short if needed.
     * The same population, seed, row count and {@code until} give the same bytes.
     */
    static Summary write(Path file, Population population, long seed, long rows, Instant until)
            throws IOException {
        return write(file, population, seed, rows, Long.MAX_VALUE, rows, until);
    }

    /**
     * Writes the purchase histories of the persons at indexes 0 to {@code customers - 1} to {@code file}, replacing
     * it: the orders up to the one that would bring in person {@code customers}, so that each of them buys at least
     * once and nobody else buys. They are identified as the population identifies them ({@link
     * Population#customerId}, {@link Population#email}). The same population, seed, count and {@code until} give the
     * same bytes.
     */
    public static Summary writeCustomers(Path file, Population population, long seed, long customers,
                                         Instant until) throws IOException {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1: " + customers);
        }
        // Orders are spread over the window by row: count the rows first, drawing the orders without writing them.
        long rows = orders(population, seed, Long.MAX_VALUE, customers, (order, customer, channel, basket, row) -> {
        }).rows();
        return write(file, population, seed, Long.MAX_VALUE, customers, rows, until);
    }

    /** The data rows of a CSV file with a header, quoted line breaks read as such. */
    static long countRows(Path file) throws IOException {
        try (var reader = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
            return Math.max(0, reader.stream().count() - 1);
        }
    }

    private static Summary write(Path file, Population population, long seed, long maxRows, long maxCustomers,
                                 long fileRows, Instant until) throws IOException {
        var from = until.truncatedTo(ChronoUnit.SECONDS).minus(WINDOW);
        long windowMillis = WINDOW.toMillis();
        try (var csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file, StandardCharsets.UTF_8)) {
            csv.writeRecord(HEADER);
            return orders(population, seed, maxRows, maxCustomers, (order, customerIndex, channel, basket, row) -> {
                var customer = population.customer(customerIndex);
                String orderId = population.run() + "-T" + order;
                String customerId = population.customerId(customerIndex);
                String email = population.email(customer);
                String occurredAt = from.plusMillis(row * windowMillis / fileRows).toString();
                String store = channel.equals("store") ? customer.city() : "";
                for (var line : basket.lines()) {
                    var product = line.product();
                    csv.writeRecord(orderId, customerId, email, occurredAt, product.sku(), product.name(),
                            product.brand(), line.category(), Integer.toString(line.quantity()),
                            product.unitPrice().toPlainString(), product.currency().getCurrencyCode(), store,
                            channel);
                }
            });
        }
    }

    /** Receives the generated orders, one after the other. */
    @FunctionalInterface
    private interface OrderSink {

        /**
         * @param order    the order's number, from 0
         * @param customer the index of the person who placed it
         * @param channel  {@code store}, {@code web} or {@code app}
         * @param basket   what was bought
         * @param row      the number of its first row, from 0
         */
        void accept(long order, long customer, String channel, Basket basket, long row);
    }

    /**
     * Draws orders until {@code maxRows} line items are reached (the last basket cut to fit) or until an order would
     * bring in customer {@code maxCustomers}, whichever comes first.
     */
    private static Summary orders(Population population, long seed, long maxRows, long maxCustomers,
                                  OrderSink sink) {
        long row = 0;
        long order = 0;
        long customers = 0;
        while (row < maxRows) {
            var random = Draws.at(seed, ORDER_DRAWS, order);
            boolean returning = random.nextDouble() < RETURNING_SHARE && customers > 0;
            if (!returning && customers == maxCustomers) {
                break;
            }
            long customerIndex = returning ? random.nextLong(customers) : customers++;
            double channelDraw = random.nextDouble();
            String channel = channelDraw < 0.6 ? "store" : channelDraw < 0.9 ? "web" : "app";
            var basket = Basket.draw(population.catalog(), random, (int) Math.min(Basket.MAX_LINES, maxRows - row));
            sink.accept(order, customerIndex, channel, basket, row);
            row += basket.lines().size();
            order++;
        }
        return new Summary(row, order, customers);
    }
}
