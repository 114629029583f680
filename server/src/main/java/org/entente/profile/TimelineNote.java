package org.entente.profile;

import java.time.Instant;
import java.util.Objects;

/**
 * Something another module did about a person that belongs on their timeline (a tier earned, a message sent). It is
 * shown with the person's events but is not a touchpoint: it changes no statistic, no lifecycle, no identity.
 *
 * @param id             unique across all events and notes: recording the same id twice changes nothing
 * @param type           the timeline type, e.g. {@code loyalty.tier_earned}
 * @param propertiesJson a JSON object with what the timeline should show
 */
public record TimelineNote(String id, String type, Instant occurredAt, Channel channel, String propertiesJson) {

    public TimelineNote {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(propertiesJson, "propertiesJson");
    }
}
