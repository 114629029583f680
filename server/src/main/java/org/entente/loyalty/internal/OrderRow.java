package org.entente.loyalty.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A returned order while its return is recorded: what it earned, and what was returned and taken back so far. Its
 * {@code loyalty_order} row is created with the first return, from the entry the order earned.
 */
final class OrderRow {

    final String orderId;
    final Instant occurredAt;
    final String currency;
    final BigDecimal amount;
    final long points;
    final boolean created;
    UUID personId;
    BigDecimal returned;
    long reversed;
    boolean changed;

    OrderRow(String orderId, UUID personId, Instant occurredAt, String currency, BigDecimal amount, long points,
             BigDecimal returned, long reversed, boolean created) {
        this.orderId = orderId;
        this.personId = personId;
        this.occurredAt = occurredAt;
        this.currency = currency;
        this.amount = amount;
        this.points = points;
        this.returned = returned;
        this.reversed = reversed;
        this.created = created;
    }
}
