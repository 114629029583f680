package org.entente.profile;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a person stands, derived from behaviour: {@code anonymous} (only anonymous or device ids), {@code prospect}
 * (a contact identifier, no purchase), {@code customer} (a purchase), {@code lapsed} (no purchase for
 * {@code entente.lifecycle.lapsed-after}).
 */
public enum Lifecycle {
    ANONYMOUS, PROSPECT, CUSTOMER, LAPSED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
