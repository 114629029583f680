package org.entente.loyalty;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Domain event: a person earned a tier, the moment the order (or the merge) that qualifies them was recorded.
 * Published inside that transaction.
 *
 * @param previousTier the tier held before, if any
 * @param orderId      the order that made the difference, if an order did
 */
public record TierEarned(UUID personId, String tier, Optional<String> previousTier, Instant at,
                         Optional<String> orderId) {

    public TierEarned {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(previousTier, "previousTier");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(orderId, "orderId");
    }
}
