package org.entente.profile;

/** How many persons stand at one lifecycle stage. */
public record LifecycleCount(Lifecycle lifecycle, long persons) {
}
