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
 * @param quietHours when the brand never sends (but transactional messages), in each person's time zone, and
 *                   per country of the person's address (null: none)
 * @param fatigue    how long marketing rests after a person unsubscribed, complained or left many messages unopened
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ContactPolicy(Integer version, Instant updatedAt, String updatedBy,
                            Map<String, Preferences.Limits> channels, Preferences.Limits overall,
                            Map<String, Preferences.Limits> topics, BrandQuietHours quietHours, Fatigue fatigue) {

    public ContactPolicy {
        channels = channels == null ? Map.of() : new LinkedHashMap<>(channels);
        overall = overall == null ? new Preferences.Limits(null, null, null) : overall;
        topics = topics == null ? Map.of() : new LinkedHashMap<>(topics);
        fatigue = fatigue == null ? new Fatigue(null, null, null, null) : fatigue;
    }

    /** No policy: the person's own limits only. */
    public static final ContactPolicy NONE = new ContactPolicy(0, null, null, null, null, null, null, null);

    public ContactPolicy saved(int newVersion, Instant at, String by) {
        return new ContactPolicy(newVersion, at, by, channels, overall, topics, quietHours, fatigue);
    }

    /**
     * The policy as it applies to a person living in {@code country}: the quiet hours of their country when the
     * policy names it, the general ones otherwise.
     */
    public ContactPolicy forCountry(String country) {
        if (quietHours == null || country == null || !quietHours.countries().containsKey(country)) {
            return this;
        }
        BrandQuietHours local = quietHours.countries().get(country);
        return new ContactPolicy(version, updatedAt, updatedBy, channels, overall, topics,
                new BrandQuietHours(local.from(), local.to(), null), fatigue);
    }

    /**
     * After an unsubscribe or a complaint, on whatever channel, no marketing on any channel for so many days (the
     * person said enough): {@code daysAfterUnsubscribe} (default 30), {@code daysAfterComplaint} (default 90); 0 turns
     * it off. When the person's latest {@code unopenedInARow} marketing emails and push messages were all left
     * unopened, marketing rests {@code daysAfterUnopened} (default 14) days after the latest: at most one such
     * message in that time, until they open one. {@code unopenedInARow} is 0 (off) by default: turn it on when the
     * delivery provider reports opens ({@code POST /api/v1/messages/{id}/reports}).
     */
    public record Fatigue(Integer daysAfterUnsubscribe, Integer daysAfterComplaint, Integer unopenedInARow,
                          Integer daysAfterUnopened) {
        public Fatigue {
            daysAfterUnsubscribe = daysAfterUnsubscribe == null ? 30 : daysAfterUnsubscribe;
            daysAfterComplaint = daysAfterComplaint == null ? 90 : daysAfterComplaint;
            unopenedInARow = unopenedInARow == null ? 0 : unopenedInARow;
            daysAfterUnopened = daysAfterUnopened == null ? 14 : daysAfterUnopened;
        }
    }

    /**
     * {@code HH:mm} to {@code HH:mm} in the person's time zone (earlier end: the next day); {@code countries}: other
     * hours for persons whose address is in one of these countries (ISO 3166 alpha-2 codes).
     */
    public record BrandQuietHours(String from, String to, Map<String, BrandQuietHours> countries) {
        public BrandQuietHours {
            countries = countries == null ? Map.of() : new LinkedHashMap<>(countries);
        }
    }
}
