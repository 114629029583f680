package org.entente.bench.report;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The configuration of a run, reported beside its figures so that they can be reproduced.
 *
 * @param url        the server's base URL
 * @param startedAt  when the scenario started
 * @param parameters the scenario's own settings in report order, e.g. {@code clients} or {@code seed}; each value
 *                   is a {@link String}, an {@link Integer}, a {@link Long} or a {@link Double}
 */
public record RunConfig(URI url, Instant startedAt, SequencedMap<String, Object> parameters) {

    public RunConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(startedAt, "startedAt");
        parameters = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(parameters));
        parameters.forEach((name, value) -> {
            if (!(value instanceof String || value instanceof Integer || value instanceof Long
                    || value instanceof Double)) {
                throw new IllegalArgumentException("unsupported value for " + name + ": " + value);
            }
        });
    }

    /** A configuration without parameters yet. */
    public static RunConfig of(URI url, Instant startedAt) {
        return new RunConfig(url, startedAt, new LinkedHashMap<>());
    }

    /** This configuration with one more parameter, after the others. */
    public RunConfig with(String name, Object value) {
        var more = new LinkedHashMap<>(parameters);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
        return new RunConfig(url, startedAt, more);
    }

    /** This configuration with one more parameter, a duration in seconds. */
    public RunConfig withSeconds(String name, Duration value) {
        return with(name, value.toMillis() / 1000.0);
    }
}
