package org.entente.outreach.internal;

import org.entente.profile.PersonsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows merges, inside the recording transaction: what the merged-away person chose moves to the person it was
 * merged into, so that a consent withdrawn under one identifier still counts after a merge.
 */
@Component
class OutreachMerges {

    private final OutreachStore store;

    OutreachMerges(OutreachStore store) {
        this.store = store;
    }

    @EventListener
    void on(PersonsMerged event) {
        store.merge(event.survivorId(), event.mergedId());
    }
}
