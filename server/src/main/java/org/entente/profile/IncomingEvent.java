package org.entente.profile;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated event ready to be recorded.
 *
 * @param id             the client's id (or one intake made up), unique across all events: recording the same id
 *                       twice changes nothing the second time
 * @param type           the event type ({@code purchase}, {@code page_view}, a custom type...)
 * @param identifiers    normalised, distinct, at least one
 * @param propertiesJson the event's properties as a JSON object, stored as they came
 * @param source         the acquisition source ({@code utm_source} or {@code source}), if the event tells one
 * @param campaign       the acquisition campaign ({@code utm_campaign}), if the event tells one
 */
public record IncomingEvent(String id, String type, Instant occurredAt, Channel channel, List<Identifier> identifiers,
                            String propertiesJson, EventFacts facts, Optional<String> source,
                            Optional<String> campaign) {

    public IncomingEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(channel, "channel");
        identifiers = List.copyOf(identifiers);
        if (identifiers.isEmpty()) {
            throw new IllegalArgumentException("an event needs at least one identifier");
        }
        Objects.requireNonNull(propertiesJson, "propertiesJson");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(campaign, "campaign");
    }
}
