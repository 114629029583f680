package org.entente.loyalty;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Domain event: the review lowered a person's tier, once its qualification had not been met for the whole grace
 * period. Never published in the middle of a purchase.
 *
 * @param newTier the tier held now, if any
 */
public record TierLost(UUID personId, String tier, Optional<String> newTier, Instant at) {

    public TierLost {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(newTier, "newTier");
        Objects.requireNonNull(at, "at");
    }
}
