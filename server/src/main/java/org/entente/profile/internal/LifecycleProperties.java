package org.entente.profile.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param lapsedAfter a customer without a purchase for this long is {@code lapsed} */
@ConfigurationProperties("entente.lifecycle")
public record LifecycleProperties(@DefaultValue("365d") Duration lapsedAfter) {
}
