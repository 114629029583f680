package org.entente.loyalty.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param maintenanceInterval how often lots are expired, run-out holds released and tiers reviewed */
@ConfigurationProperties("entente.loyalty")
public record LoyaltyProperties(@DefaultValue("1h") Duration maintenanceInterval) {
}
