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
 * @param fatigue    how long marketing rests after a person unsubscribed or complained on any channel
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ContactPolicy(Integer version, Instant updatedAt, String updatedBy,
                            Map<String, Preferences.Limits> channels, Preferences.Limits overall,
                            Map<String, Preferences.Limits> topics, BrandQuietHours quietHours, Fatigue fatigue) {

    public ContactPolicy {
        channels = channels == null ? Map.of() : new LinkedHashMap<>(channels);
        overall = overall == null ? new Preferences.Limits(null, null, null) : overall;
        topics = topics == null ? Map.of() : new LinkedHashMap<>(topics);
        fatigue = fatigue == null ? new Fatigue(null, null) : fatigue;
    }

    /** No policy: the person's own limits only. */
    public static final ContactPolicy NONE = new ContactPolicy(0, null, null, null, null, null, null, null);

    public ContactPolicy saved(int newVersion, Instant at, String by) {
        return new ContactPolicy(newVersion, at, by, channels, overall, topics, quietHours, fatigue);
    }

    /**
     * After an unsubscribe or a complaint, on whatever channel, no marketing on any channel for so many days (the
     * person said enough): {@code daysAfterUnsubscribe} (default 30), {@code daysAfterComplaint} (default 90); 0 turns
     * it off.
     */
    public record Fatigue(Integer daysAfterUnsubscribe, Integer daysAfterComplaint) {
        public Fatigue {
            daysAfterUnsubscribe = daysAfterUnsubscribe == null ? 30 : daysAfterUnsubscribe;
            daysAfterComplaint = daysAfterComplaint == null ? 90 : daysAfterComplaint;
        }
    }

    /** {@code HH:mm} to {@code HH:mm} in the person's time zone (earlier end: the next day). */
    public record BrandQuietHours(String from, String to) {
    }
}
