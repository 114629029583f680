package org.entente.loyalty.internal;

import org.entente.platform.BeforeCommit;
import org.entente.profile.EventRecorded;
import org.entente.profile.PersonsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;


/**
 * Listens to what the profile module records, inside its transaction, and hands loyalty's share to
 * {@link LoyaltyRecorder} once, just before the commit: one pass for all the events of the transaction, so that a
 * batch of events costs a few batched statements, not a few per event. If loyalty fails, the transaction fails with
 * it: an event is never acknowledged without its points.
 * <p>
 * Synchronous on purpose: a tier is earned the moment the qualifying order is recorded, and a till reading the
 * person right after the acknowledgement sees the points.
 */
@Component
class ProfileEvents {

    private final LoyaltyRecorder recorder;

    ProfileEvents(LoyaltyRecorder recorder) {
        this.recorder = recorder;
    }

    @EventListener
    void on(EventRecorded event) {
        if (recorder.concerns(event)) {
            collect(event);
        }
    }

    @EventListener
    void on(PersonsMerged event) {
        collect(event);
    }

    private void collect(Object event) {
        BeforeCommit.collect(this, event, recorder::record);
    }
}
