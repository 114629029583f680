package org.entente.outreach;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person chose about being contacted, as {@code GET/PUT /api/v1/profiles/{id}/preferences} shows it. A channel
 * left out of {@code channels} is allowed without a limit of its own; {@code Outreach#savePreferences} validates the
 * whole and says precisely what is wrong.
 *
 * @param version          set by Entente: the version of these preferences (a PUT may send the version it was
 *                         edited from, to be refused if somebody changed them meanwhile); 0 before the first save
 * @param updatedAt        set by Entente: when they were saved (null before the first save)
 * @param updatedBy        set by Entente: who saved them
 * @param channels         per channel ({@code email}, {@code sms}, {@code push}, {@code phone}, {@code post},
 *                         {@code whatsapp}): allowed or not, and its own limits
 * @param topics           the topics the person wants to hear about ({@code entente.outreach.topics})
 * @param overall          limits across every channel
 * @param quietHours       when not to be contacted, in the person's time zone (null: no quiet hours)
 * @param pausedUntil      no contact before this instant (null or past: no pause)
 * @param onlyWhenAsked    only answers to what the person initiated
 * @param preferredChannel the channel the person prefers, if any
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Preferences(Integer version, Instant updatedAt, String updatedBy, Map<String, ChannelPreference> channels,
                          List<String> topics, Limits overall, QuietHours quietHours, Instant pausedUntil,
                          Boolean onlyWhenAsked, String preferredChannel) {

    public Preferences {
        channels = channels == null ? Map.of() : new LinkedHashMap<>(channels);
        overall = overall == null ? new Limits(null, null, null) : overall;
        onlyWhenAsked = onlyWhenAsked != null && onlyWhenAsked;
    }

    /** What a person who never chose anything gets: every channel and every topic, no limit of their own. */
    public static Preferences defaults(List<String> topics) {
        return new Preferences(0, null, null, Map.of(), List.copyOf(topics), null, null, null, false, null);
    }

    /** These preferences as saved: with their version, time and author. */
    public Preferences saved(int newVersion, Instant at, String by) {
        return new Preferences(newVersion, at, by, channels, topics, overall, quietHours, pausedUntil, onlyWhenAsked,
                preferredChannel);
    }

    /**
     * @param allowed whether the brand may use this channel at all (null: yes)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelPreference(Boolean allowed, Integer maxPerDay, Integer maxPerWeek, Integer maxPerMonth) {
    }

    /** At most so many messages per calendar day, week and month in the person's time zone (null: no limit). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Limits(Integer maxPerDay, Integer maxPerWeek, Integer maxPerMonth) {
    }

    /**
     * @param from     {@code HH:mm}, when the quiet begins
     * @param to       {@code HH:mm}, when it ends (earlier than {@code from}: the next day)
     * @param timezone the person's IANA time zone
     */
    public record QuietHours(String from, String to, String timezone) {
    }
}
