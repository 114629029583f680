package org.entente.bench.report;

import java.util.Locale;
import java.util.Objects;

/**
 * One figure of a {@link Measurement}: shown in the terminal table under its label, written to the JSON report
 * under its key, or both.
 *
 * @param key      the JSON property name, e.g. {@code p99Ms}; {@code null} for a figure only shown in the table
 * @param label    the table heading, e.g. {@code p99 ms}; {@code null} for a figure only written to JSON
 * @param value    the figure
 * @param decimals how many decimals it is shown and recorded with; 0 makes it a count, written as a JSON integer
 */
public record Metric(String key, String label, double value, int decimals) {

    public Metric {
        if (key == null && label == null) {
            throw new IllegalArgumentException("a metric needs a key, a label or both");
        }
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must not be negative: " + decimals);
        }
    }

    /** A number of things, e.g. requests. */
    public static Metric count(String key, String label, long value) {
        return new Metric(key, label, value, 0);
    }

    /** Things per second, to a tenth. */
    public static Metric rate(String key, String label, double value) {
        return new Metric(key, label, value, 1);
    }

    /** A time in milliseconds, to the microsecond. */
    public static Metric millis(String key, String label, double value) {
        return new Metric(key, label, value, 3);
    }

    /** A time in seconds, to the millisecond. */
    public static Metric seconds(String key, String label, double value) {
        return new Metric(key, label, value, 3);
    }

    /** One figure over another, to a thousandth. */
    public static Metric ratio(String key, String label, double value) {
        return new Metric(key, label, value, 3);
    }

    /** The same figure, written to JSON but not shown in the table. */
    public Metric jsonOnly() {
        return new Metric(Objects.requireNonNull(key, "key"), null, value, decimals);
    }

    /** The same figure, shown in the table but not written to JSON. */
    public Metric tableOnly() {
        return new Metric(null, Objects.requireNonNull(label, "label"), value, decimals);
    }

    boolean inJson() {
        return key != null;
    }

    boolean inTable() {
        return label != null;
    }

    /** The value rounded to its decimals, as the JSON report records it. */
    double rounded() {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** The value with its decimals, as the table shows it. */
    String formatted() {
        return decimals == 0
                ? Long.toString(Math.round(value))
                : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
