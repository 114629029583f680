package org.entente.outreach;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A channel through which a brand may contact a person. */
public enum ContactChannel {
    EMAIL, SMS, PUSH, PHONE, POST, WHATSAPP;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ContactChannel> fromCode(String code) {
        return Arrays.stream(values()).filter(channel -> channel.code().equals(code)).findFirst();
    }
}
