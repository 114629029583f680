package org.entente.loyalty;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Points set aside for a basket: no other redemption can take them until the hold is captured, released, or runs
 * out at {@code expiresAt}.
 */
public record PointsHold(UUID id, UUID personId, String source, long points, Instant createdAt, Instant expiresAt,
                         State state) {

    public enum State {
        HELD, RELEASED, CAPTURED;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
