package org.entente.intake;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a CSV file holds: one customer per row, or one order line per row. */
public enum ImportKind {
    CUSTOMERS, TRANSACTIONS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportKind> fromCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code().equals(code)).findFirst();
    }
}
