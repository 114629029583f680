package org.entente.intake.internal;

/**
 * Why an event was refused.
 *
 * @param code  a stable machine-readable reason ({@code invalid_identifier}, {@code occurred_at_in_future}...);
 *              its message is {@code intake.rejection.<code>} in the i18n bundle
 * @param field the JSON path of the faulty field ({@code identifiers.email}), or null for the event as a whole
 * @param arg   a value the message shows (the limit exceeded, the unknown value), or null
 */
public record Rejection(String code, String field, String arg) {

    static Rejection of(String code, String field) {
        return new Rejection(code, field, null);
    }
}
