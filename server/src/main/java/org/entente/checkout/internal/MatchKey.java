package org.entente.checkout.internal;

import org.entente.checkout.Offer;

/** What an nth-purchase offer counts units of: exactly one SKU, brand or category (brands and categories lower-cased). */
public record MatchKey(Field field, String value) {

    public enum Field { SKU, BRAND, CATEGORY }

    static MatchKey of(Offer.Match match) {
        if (match.sku() != null) {
            return new MatchKey(Field.SKU, match.sku().strip());
        }
        if (match.brand() != null) {
            return new MatchKey(Field.BRAND, CustomerState.key(match.brand()));
        }
        return new MatchKey(Field.CATEGORY, CustomerState.key(match.category()));
    }
}
