package org.entente.checkout;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a till, a basket or an agent asks about: who (any identifiers it has, none for an anonymous shopper), where,
 * and what is in the basket. Checked by {@link Checkout#quote}: every fault is reported field by field.
 *
 * @param identifiers  identifier type ({@code email}, {@code phone}, {@code loyaltyCard}, {@code customerId},
 *                     {@code paymentToken}...) to raw value
 * @param channel      {@code store}, {@code web}, {@code app}, {@code call_center}...
 * @param store        the store, for a till (optional)
 * @param redeemPoints points the customer wants to pay with (0 or null: none); fewer may be granted
 */
public record QuoteRequest(Map<String, String> identifiers, String channel, String store, String currency,
                           List<Item> items, Long redeemPoints) {

    public QuoteRequest {
        identifiers = identifiers == null ? Map.of() : identifiers;
        items = items == null ? List.of() : items;
        redeemPoints = redeemPoints == null ? 0L : redeemPoints;
    }

    /** A basket line: {@code quantity} units at {@code unitPrice} each (the listed price, before any offer). */
    public record Item(String sku, String name, String brand, String category, Integer quantity,
                       BigDecimal unitPrice) {
    }
}
