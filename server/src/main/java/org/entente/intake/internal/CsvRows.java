package org.entente.intake.internal;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.entente.intake.ImportKind;
import org.entente.platform.Hashes;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns CSV rows into native events. Event ids are derived from the file's content (the order id, or a hash of a
 * customer row), so importing the same file again records nothing new.
 */
abstract sealed class CsvRows permits CsvRows.Customers, CsvRows.Transactions {

    /** A native event built from one or more rows. */
    record Pending(ObjectNode event, List<Long> lines, List<String> contents) {
    }

    /** Where rows go: events to check and record, or rows refused before they became events. */
    interface Sink {
        void event(Pending pending);

        void rejected(long line, Rejection reason, String content);
    }

    final JsonMapper json;

    CsvRows(JsonMapper json) {
        this.json = json;
    }

    static CsvRows of(ImportKind kind, JsonMapper json) {
        return switch (kind) {
            case CUSTOMERS -> new Customers(json);
            case TRANSACTIONS -> new Transactions(json);
        };
    }

    /** The columns a file of this kind must have; null when it has them. */
    abstract String missingColumns(List<String> header);

    abstract void accept(NamedCsvRecord row, Sink sink);

    /** The end of the file: emits what is still held. */
    void finish(Sink sink) {
    }

    static String content(NamedCsvRecord row) {
        String text = String.join(",", row.getFields());
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }

    static String field(NamedCsvRecord row, String name) {
        return row.findField(name).map(String::strip).filter(value -> !value.isEmpty()).orElse(null);
    }

    /** An ISO-8601 instant, date-time or date (read as UTC); null when absent. */
    static String instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toString();
        } catch (DateTimeException notAnOffsetDateTime) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toString();
            } catch (DateTimeException notALocalDateTime) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
            }
        }
    }

    static final class Customers extends CsvRows {

        private static final Set<String> IDENTIFIERS = Set.of("customerId", "email", "phone", "loyaltyCard");
        private static final Set<String> TRAITS = Set.of("firstName", "lastName", "birthDate", "locale", "timezone");

        Customers(JsonMapper json) {
            super(json);
        }

        @Override
        String missingColumns(List<String> header) {
            return header.stream().anyMatch(IDENTIFIERS::contains) ? null
                    : "one of customerId, email, phone, loyaltyCard";
        }

        @Override
        void accept(NamedCsvRecord row, Sink sink) {
            ObjectNode event = json.createObjectNode();
            event.put("id", "import-customer-" + Hashes.sha256(String.join("\u001f", row.getFields())).substring(0, 40));
            event.put("type", "identify");
            event.put("channel", "other");
            try {
                String createdAt = instant(field(row, "createdAt"));
                if (createdAt != null) {
                    event.put("occurredAt", createdAt);
                }
            } catch (DateTimeException e) {
                sink.rejected(row.getStartingLineNumber(), Rejection.of("invalid_occurred_at", "createdAt"),
                        content(row));
                return;
            }
            ObjectNode identifiers = event.putObject("identifiers");
            ObjectNode properties = event.putObject("properties");
            properties.put("source", "import");
            ObjectNode traits = properties.putObject("traits");
            for (String column : row.getHeader()) {
                String value = field(row, column);
                if (value == null || "createdAt".equals(column)) {
                    continue;
                }
                if (IDENTIFIERS.contains(column)) {
                    identifiers.put(column, value);
                } else if ("address".equals(column)) {
                    traits.putObject("address").put("line", value);
                } else if (TRAITS.contains(column) || column.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                    traits.put(column, value);
                }
            }
            sink.event(new Pending(event, List.of(row.getStartingLineNumber()), List.of(content(row))));
        }
    }

    /** One row per order line; the rows of an order follow each other and become one purchase (and one return). */
    static final class Transactions extends CsvRows {

        private static final List<String> REQUIRED = List.of("orderId", "occurredAt", "sku", "quantity", "unitPrice",
                "currency");
        private static final List<String> PER_ORDER = List.of("customerId", "email", "occurredAt", "currency",
                "store", "channel");

        private final Set<String> closed = new HashSet<>();
        private final List<NamedCsvRecord> rows = new ArrayList<>();
        private String order;

        Transactions(JsonMapper json) {
            super(json);
        }

        @Override
        String missingColumns(List<String> header) {
            List<String> missing = new ArrayList<>(REQUIRED.stream().filter(c -> !header.contains(c)).toList());
            if (!header.contains("customerId") && !header.contains("email")) {
                missing.add("customerId or email");
            }
            return missing.isEmpty() ? null : String.join(", ", missing);
        }

        @Override
        void accept(NamedCsvRecord row, Sink sink) {
            String orderId = field(row, "orderId");
            if (orderId == null) {
                sink.rejected(row.getStartingLineNumber(), new Rejection("missing_column_value", "orderId", "orderId"),
                        content(row));
                return;
            }
            if (orderId.equals(order) && rows.size() >= EventValidator.MAX_ITEMS) {
                sink.rejected(row.getStartingLineNumber(),
                        new Rejection("too_many_items", "orderId", Integer.toString(EventValidator.MAX_ITEMS)),
                        content(row));
                return;
            }
            if (!orderId.equals(order)) {
                if (closed.contains(orderId)) {
                    sink.rejected(row.getStartingLineNumber(), Rejection.of("order_not_contiguous", "orderId"),
                            content(row));
                    return;
                }
                close(sink);
                order = orderId;
            }
            rows.add(row);
        }

        @Override
        void finish(Sink sink) {
            close(sink);
        }

        private void close(Sink sink) {
            if (rows.isEmpty()) {
                return;
            }
            closed.add(order);
            List<Long> lines = rows.stream().map(NamedCsvRecord::getStartingLineNumber).toList();
            List<String> contents = rows.stream().map(CsvRows::content).toList();
            try {
                build(sink, lines, contents);
            } catch (RowException e) {
                for (int i = 0; i < lines.size(); i++) {
                    sink.rejected(lines.get(i), e.rejection, contents.get(i));
                }
            } finally {
                rows.clear();
            }
        }

        private void build(Sink sink, List<Long> lines, List<String> contents) {
            NamedCsvRecord first = rows.getFirst();
            for (String column : PER_ORDER) {
                for (NamedCsvRecord row : rows) {
                    if (!Objects.equals(field(row, column), field(first, column))) {
                        throw new RowException(new Rejection("mixed_order", column, column));
                    }
                }
            }
            String occurredAt;
            try {
                occurredAt = instant(field(first, "occurredAt"));
            } catch (DateTimeException e) {
                throw new RowException(Rejection.of("invalid_occurred_at", "occurredAt"));
            }
            if (occurredAt == null) {
                throw new RowException(new Rejection("missing_column_value", "occurredAt", "occurredAt"));
            }
            ObjectNode purchase = event("purchase", "import-order-", first, occurredAt);
            ObjectNode returned = event("return", "import-return-", first, occurredAt);
            ArrayNode bought = purchase.withObjectProperty("properties").putArray("items");
            ArrayNode given = returned.withObjectProperty("properties").putArray("items");
            BigDecimal boughtTotal = BigDecimal.ZERO;
            BigDecimal returnedTotal = BigDecimal.ZERO;
            List<Long> boughtLines = new ArrayList<>();
            List<Long> returnedLines = new ArrayList<>();
            List<String> boughtContents = new ArrayList<>();
            List<String> returnedContents = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                NamedCsvRecord row = rows.get(i);
                int quantity;
                BigDecimal unitPrice;
                try {
                    quantity = Integer.parseInt(Objects.requireNonNull(field(row, "quantity")));
                    unitPrice = new BigDecimal(Objects.requireNonNull(field(row, "unitPrice")));
                } catch (NumberFormatException | NullPointerException e) {
                    throw new RowException(new Rejection("invalid_row", "quantity", "quantity, unitPrice"));
                }
                if (quantity == 0) {
                    throw new RowException(Rejection.of("invalid_quantity", "quantity"));
                }
                ObjectNode item = (quantity > 0 ? bought : given).addObject();
                item.put("sku", field(row, "sku"));
                for (String column : List.of("name", "brand", "category")) {
                    String value = field(row, column);
                    if (value != null) {
                        item.put(column, value);
                    }
                }
                item.put("quantity", Math.abs(quantity));
                item.put("unitPrice", unitPrice);
                BigDecimal amount = unitPrice.multiply(BigDecimal.valueOf(Math.abs(quantity)));
                if (quantity > 0) {
                    boughtTotal = boughtTotal.add(amount);
                    boughtLines.add(lines.get(i));
                    boughtContents.add(contents.get(i));
                } else {
                    returnedTotal = returnedTotal.add(amount);
                    returnedLines.add(lines.get(i));
                    returnedContents.add(contents.get(i));
                }
            }
            if (!boughtLines.isEmpty()) {
                purchase.withObjectProperty("properties").put("total", boughtTotal);
                sink.event(new Pending(purchase, boughtLines, boughtContents));
            }
            if (!returnedLines.isEmpty()) {
                returned.withObjectProperty("properties").put("amount", returnedTotal);
                // The till's id of the return, if the file gives it: the same return sent live counts once.
                rows.stream().map(row -> field(row, "returnId")).filter(Objects::nonNull).findFirst()
                        .ifPresent(id -> returned.withObjectProperty("properties").put("returnId", id));
                sink.event(new Pending(returned, returnedLines, returnedContents));
            }
        }

        private ObjectNode event(String type, String idPrefix, NamedCsvRecord first, String occurredAt) {
            ObjectNode event = json.createObjectNode();
            event.put("id", idPrefix + field(first, "orderId"));
            event.put("type", type);
            event.put("occurredAt", occurredAt);
            String channel = field(first, "channel");
            event.put("channel", channel == null ? "store" : channel);
            ObjectNode identifiers = event.putObject("identifiers");
            for (String column : List.of("customerId", "email")) {
                String value = field(first, column);
                if (value != null) {
                    identifiers.put(column, value);
                }
            }
            ObjectNode properties = event.putObject("properties");
            properties.put("orderId", field(first, "orderId"));
            properties.put("currency", field(first, "currency"));
            String store = field(first, "store");
            if (store != null) {
                properties.put("store", store);
            }
            properties.put("source", "import");
            return event;
        }
    }

    private static final class RowException extends RuntimeException {
        final transient Rejection rejection;

        RowException(Rejection rejection) {
            super(rejection.code(), null, false, false);
            this.rejection = rejection;
        }
    }
}
