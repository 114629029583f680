package org.entente.loyalty.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One {@code loyalty_order} row while it is being changed. */
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
    Instant disputedAt;
    boolean changed;

    OrderRow(String orderId, UUID personId, Instant occurredAt, String currency, BigDecimal amount, long points,
             BigDecimal returned, long reversed, Instant disputedAt, boolean created) {
        this.orderId = orderId;
        this.personId = personId;
        this.occurredAt = occurredAt;
        this.currency = currency;
        this.amount = amount;
        this.points = points;
        this.returned = returned;
        this.reversed = reversed;
        this.disputedAt = disputedAt;
        this.created = created;
    }
}
