package org.entente.profile;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of identifier a person can be known by; {@link #code()} is the name used in JSON and in lookups. */
public enum IdentifierType {
    EMAIL("email", true),
    PHONE("phone", true),
    CUSTOMER_ID("customerId", true),
    LOYALTY_CARD("loyaltyCard", true),
    PAYMENT_TOKEN("paymentToken", true),
    ANONYMOUS_ID("anonymousId", false),
    DEVICE_ID("deviceId", false);

    private final String code;
    private final boolean identifying;

    IdentifierType(String code, boolean identifying) {
        this.code = code;
        this.identifying = identifying;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** Whether knowing this identifier makes a person more than an anonymous visitor. */
    public boolean identifying() {
        return identifying;
    }

    public static Optional<IdentifierType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }
}
