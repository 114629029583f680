package org.entente.outreach;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The brand's own contact policy, as {@code GET/PUT /api/v1/outreach/policy} shows it. It can only make a person's
 * limits stricter, never looser: the gate checks the person's limits and the brand's, and the strictest wins.
 *
 * @param version    set by Entente: the version in force (0: none saved yet)
 * @param channels   the most messages per person per channel and calendar period (marketing and service)
 * @param overall    the most messages per person across channels
 * @param topics     the most messages per person on a topic
 * @param quietHours when the brand never sends (but transactional messages), in each person's time zone (null: none)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ContactPolicy(Integer version, Instant updatedAt, String updatedBy,
                            Map<String, Preferences.Limits> channels, Preferences.Limits overall,
                            Map<String, Preferences.Limits> topics, BrandQuietHours quietHours) {

    public ContactPolicy {
        channels = channels == null ? Map.of() : new LinkedHashMap<>(channels);
        overall = overall == null ? new Preferences.Limits(null, null, null) : overall;
        topics = topics == null ? Map.of() : new LinkedHashMap<>(topics);
    }

    /** No policy: the person's own limits only. */
    public static final ContactPolicy NONE = new ContactPolicy(0, null, null, null, null, null, null);

    public ContactPolicy saved(int newVersion, Instant at, String by) {
        return new ContactPolicy(newVersion, at, by, channels, overall, topics, quietHours);
    }

    /** {@code HH:mm} to {@code HH:mm} in the person's time zone (earlier end: the next day). */
    public record BrandQuietHours(String from, String to) {
    }
}
