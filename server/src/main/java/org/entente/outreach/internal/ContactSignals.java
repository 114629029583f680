package org.entente.outreach.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.outreach.Consent;
import org.entente.outreach.ContactChannel;
import org.entente.outreach.Preferences;
import org.entente.platform.Actor;
import org.entente.profile.Channel;
import org.entente.profile.EventFacts;
import org.entente.profile.EventRecorded;
import org.entente.profile.PersonsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Follows what the profile module records, inside its transaction, so that what a person says anywhere counts at
 * once for the gate:
 * <ul>
 *   <li>an {@code unsubscribe} naming a topic takes the topic out of their preferences; one naming none withdraws
 *       their marketing consent on the channel (the one named, or the event's own: an email, an SMS);</li>
 *   <li>a {@code complaint} about a message (naming no order) withdraws marketing consent on its channel;</li>
 *   <li>a merge brings the merged-away person's consents, latest preferences, messages and gate verdicts (the
 *       slots they reserved) to the person it was merged into.</li>
 * </ul>
 */
@Component
public class ContactSignals {

    /**
     * The notice versions of withdrawals that came as events (the person saw no notice, they acted): the gate rests
     * marketing after them ({@code fatigue}).
     */
    public static final String UNSUBSCRIBED = "unsubscribe";
    public static final String COMPLAINED = "complaint";

    private final OutreachStore store;
    private final MessageStore messages;
    private final GateStore gate;
    private final OutreachProperties properties;
    private final Clock clock;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    ContactSignals(OutreachStore store, MessageStore messages, GateStore gate, OutreachProperties properties,
                   Clock clock) {
        this.store = store;
        this.messages = messages;
        this.gate = gate;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void on(PersonsMerged event) {
        store.merge(event.survivorId(), event.mergedId());
        messages.merge(event.survivorId(), event.mergedId());
        gate.merge(event.survivorId(), event.mergedId());
    }

    @EventListener
    void on(EventRecorded event) {
        switch (event.facts()) {
            case EventFacts.Unsubscribe unsubscribe -> {
                if (unsubscribe.topic().isPresent()) {
                    dropTopic(event, unsubscribe.topic().get());
                } else {
                    channel(unsubscribe.contactChannel(), event.channel())
                            .ifPresent(channel -> withdraw(event, channel, UNSUBSCRIBED));
                }
            }
            case EventFacts.Complaint complaint when complaint.orderId().isEmpty() ->
                    channel(Optional.empty(), event.channel())
                            .ifPresent(channel -> withdraw(event, channel, COMPLAINED));
            default -> {
            }
        }
    }

    private static Optional<ContactChannel> channel(Optional<String> named, Channel touchpoint) {
        if (named.isPresent()) {
            return ContactChannel.fromCode(named.get());
        }
        return switch (touchpoint) {
            case EMAIL -> Optional.of(ContactChannel.EMAIL);
            case SMS -> Optional.of(ContactChannel.SMS);
            default -> Optional.empty();
        };
    }

    private void withdraw(EventRecorded event, ContactChannel channel, String how) {
        store.insert(new Consent(ids.generate(), event.personId(), "marketing", channel.code(),
                Consent.Status.WITHDRAWN, event.channel().code(), Consent.Actor.CUSTOMER, Actor.current().name(),
                how, Consent.LegalBasis.CONSENT, event.occurredAt(), clock.instant(), null, null));
    }

    private void dropTopic(EventRecorded event, String topic) {
        Preferences current = store.preferences(event.personId(), true)
                .orElseGet(() -> Preferences.defaults(properties.topics()));
        List<String> topics = new ArrayList<>(current.topics() == null ? properties.topics() : current.topics());
        if (!topics.remove(topic)) {
            return;
        }
        Instant now = clock.instant();
        store.save(event.personId(), new Preferences(current.version(), current.updatedAt(), current.updatedBy(),
                        current.channels(), topics, current.overall(), current.quietHours(), current.pausedUntil(),
                        current.onlyWhenAsked(), current.preferredChannel()), null, ids.generate(), now,
                Actor.current().name(), event.channel().code());
    }
}
