package org.entente.bench.http;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads the {@code Server-Timing} response header (W3C Server Timing): a comma-separated list of metrics, each a name
 * followed by {@code ;parameter=value} pairs, in one header line or several, e.g.
 * {@code db;dur=0.4;desc="one query", app;dur=1.234}. Entente reports the time its application spent on a request
 * as the metric {@link #APP}, its {@code dur} in milliseconds with decimals: the time on the server side, without the
 * network and the client.
 */
public final class ServerTiming {

    public static final String HEADER = "Server-Timing";
    /** The metric of the time spent inside the server application. */
    public static final String APP = "app";

    private static final Pattern DECIMAL = Pattern.compile("\\d+(?:\\.\\d*)?|\\.\\d+");
    private static final double MICROS_PER_MILLI = 1_000.0;

    private ServerTiming() {
    }

    /**
     * The {@code dur} of the first metric named {@code metric}, in microseconds, rounded; empty when no
     * {@code Server-Timing} header has that metric with a plain decimal {@code dur}. Metric names are compared
     * exactly, parameter names case-insensitively, as the specification says.
     */
    public static OptionalLong micros(HttpHeaders headers, String metric) {
        Objects.requireNonNull(metric, "metric");
        for (String value : headers.allValues(HEADER)) {
            for (String entry : split(value, ',')) {
                var parts = split(entry, ';');
                if (!parts.getFirst().strip().equals(metric)) {
                    continue;
                }
                for (String parameter : parts.subList(1, parts.size())) {
                    int equals = parameter.indexOf('=');
                    if (equals < 0 || !parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("dur")) {
                        continue;
                    }
                    String duration = unquote(parameter.substring(equals + 1).strip());
                    // The first dur counts, as the specification says; a malformed one means no duration.
                    return DECIMAL.matcher(duration).matches()
                            ? OptionalLong.of(Math.round(Double.parseDouble(duration) * MICROS_PER_MILLI))
                            : OptionalLong.empty();
                }
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** {@code text} cut at each {@code separator} outside a quoted string. */
    private static List<String> split(String text, char separator) {
        var parts = new ArrayList<String>();
        var part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }

    /** A quoted-string's content without its quotes and escapes; any other value as it is. */
    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
    }
}
