package org.entente.profile;

import java.util.Objects;

/**
 * A normalised identifier: what {@link IdentifierNormaliser} made of a raw value (an email lower-cased, a phone in
 * E.164, a payment token replaced by its SHA-256). Two identifiers are the same person's when they are equal.
 */
public record Identifier(IdentifierType type, String value) {

    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** {@code type:value}, as in {@code ?identifier=email:jane@example.com}: unique across types. */
    public String key() {
        return type.code() + ":" + value;
    }

    @Override
    public String toString() {
        return key();
    }
}
