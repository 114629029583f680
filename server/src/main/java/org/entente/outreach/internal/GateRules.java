package org.entente.outreach.internal;

import org.entente.outreach.ContactChannel;
import org.entente.outreach.ContactPolicy;
import org.entente.outreach.Decision;
import org.entente.outreach.Preferences;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The contact gate's rules, pure: what the person chose, their consent and what was already reserved for them give a
 * verdict and every reason for it. A deny reason wins over a defer reason; a defer waits for the latest of what
 * holds it back. Days, weeks (Monday first) and months are calendar periods in the person's time zone, daylight
 * saving time included.
 */
public final class GateRules {

    private GateRules() {
    }

    /** What kind of message: the law and the person treat them differently. */
    public enum MessageClass {
        TRANSACTIONAL, SERVICE, MARKETING, SOLICITED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Marketing and service messages are the brand's initiative: the person's limits apply to them. */
        boolean initiatedByBrand() {
            return this == MARKETING || this == SERVICE;
        }
    }

    /** Calendar periods around a moment, in a time zone. */
    public record Periods(Instant dayStart, Instant dayEnd, Instant weekStart, Instant weekEnd, Instant monthStart,
                          Instant monthEnd) {

        public static Periods around(Instant at, ZoneId zone) {
            LocalDate day = LocalDate.ofInstant(at, zone);
            LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LocalDate first = day.withDayOfMonth(1);
            return new Periods(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant(),
                    monday.atStartOfDay(zone).toInstant(), monday.plusWeeks(1).atStartOfDay(zone).toInstant(),
                    first.atStartOfDay(zone).toInstant(), first.plusMonths(1).atStartOfDay(zone).toInstant());
        }
    }

    /** Slots already reserved for the person, on this channel, on all channels and on the topic, in each period. */
    public record Reserved(long channelDay, long channelWeek, long channelMonth, long allDay, long allWeek,
                           long allMonth, long topicDay, long topicWeek, long topicMonth) {
        public static final Reserved NONE = new Reserved(0, 0, 0, 0, 0, 0, 0, 0, 0);

        public Reserved(long channelDay, long channelWeek, long channelMonth, long allDay, long allWeek,
                        long allMonth) {
            this(channelDay, channelWeek, channelMonth, allDay, allWeek, allMonth, 0, 0, 0);
        }
    }

    public record Outcome(Decision.Verdict verdict, List<String> reasons, Instant deferUntil) {
    }

    /** A slot reserved for a person (an allowed decision): it counts against the limits of the periods it falls in. */
    public record Slot(String channel, String topic, Instant sendAt) {
    }

    /** What these slots reserve on {@code channel}, on all channels and on {@code topic}, in each period. */
    public static Reserved count(List<Slot> slots, String channel, String topic, Periods p) {
        long channelDay = 0, channelWeek = 0, channelMonth = 0, allDay = 0, allWeek = 0, allMonth = 0;
        long topicDay = 0, topicWeek = 0, topicMonth = 0;
        for (Slot slot : slots) {
            boolean day = within(slot.sendAt(), p.dayStart(), p.dayEnd());
            boolean week = within(slot.sendAt(), p.weekStart(), p.weekEnd());
            boolean month = within(slot.sendAt(), p.monthStart(), p.monthEnd());
            boolean onChannel = slot.channel().equals(channel);
            boolean onTopic = topic != null && topic.equals(slot.topic());
            allDay += day ? 1 : 0;
            allWeek += week ? 1 : 0;
            allMonth += month ? 1 : 0;
            channelDay += onChannel && day ? 1 : 0;
            channelWeek += onChannel && week ? 1 : 0;
            channelMonth += onChannel && month ? 1 : 0;
            topicDay += onTopic && day ? 1 : 0;
            topicWeek += onTopic && week ? 1 : 0;
            topicMonth += onTopic && month ? 1 : 0;
        }
        return new Reserved(channelDay, channelWeek, channelMonth, allDay, allWeek, allMonth, topicDay, topicWeek,
                topicMonth);
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    /**
     * @param marketingConsent whether the person's latest {@code marketing} consent for this channel is a grant
     */
    public static Outcome evaluate(ContactChannel channel, MessageClass messageClass, String topic, Instant sendAt,
                                   Preferences preferences, boolean marketingConsent, Reserved reserved,
                                   ZoneId zone) {
        return evaluate(channel, messageClass, topic, sendAt, preferences, ContactPolicy.NONE, marketingConsent,
                null, reserved, zone);
    }

    /**
     * @param policy      the brand's policy: its limits and quiet hours are checked beside the person's, never
     *                    instead
     * @param restedUntil marketing rests until then after an unsubscribe or a complaint (null: it does not)
     */
    public static Outcome evaluate(ContactChannel channel, MessageClass messageClass, String topic, Instant sendAt,
                                   Preferences preferences, ContactPolicy policy, boolean marketingConsent,
                                   Instant restedUntil, Reserved reserved, ZoneId zone) {
        List<String> deny = new ArrayList<>();
        List<String> defer = new ArrayList<>();
        Instant until = null;
        Preferences.ChannelPreference onChannel = preferences.channels().get(channel.code());
        if (onChannel != null && Boolean.FALSE.equals(onChannel.allowed())) {
            deny.add("channel_refused");
        }
        if (messageClass == MessageClass.MARKETING && !marketingConsent) {
            deny.add("no_consent");
        }
        if (messageClass.initiatedByBrand() && topic != null && preferences.topics() != null
                && !preferences.topics().contains(topic)) {
            deny.add("topic_refused");
        }
        if (messageClass.initiatedByBrand() && preferences.onlyWhenAsked()) {
            deny.add("only_when_asked");
        }
        if (messageClass == MessageClass.MARKETING && restedUntil != null && sendAt.isBefore(restedUntil)) {
            defer.add("fatigue");
            until = later(until, restedUntil);
        }
        if (messageClass.initiatedByBrand() && preferences.pausedUntil() != null
                && sendAt.isBefore(preferences.pausedUntil())) {
            defer.add("paused");
            until = later(until, preferences.pausedUntil());
        }
        if (messageClass != MessageClass.TRANSACTIONAL && preferences.quietHours() != null) {
            Instant quietEnd = quietUntil(preferences.quietHours(), sendAt);
            if (quietEnd != null) {
                defer.add("quiet_hours");
                until = later(until, quietEnd);
            }
        }
        if (messageClass != MessageClass.TRANSACTIONAL && policy.quietHours() != null) {
            Instant quietEnd = quietUntil(new Preferences.QuietHours(policy.quietHours().from(),
                    policy.quietHours().to(), zone.getId()), sendAt);
            if (quietEnd != null) {
                if (!defer.contains("quiet_hours")) {
                    defer.add("quiet_hours");
                }
                until = later(until, quietEnd);
            }
        }
        if (messageClass.initiatedByBrand()) {
            Periods periods = Periods.around(sendAt, zone);
            Instant brandFree = null;
            brandFree = later(brandFree, full(policy.overall(), reserved.allDay(), reserved.allWeek(),
                    reserved.allMonth(), periods));
            brandFree = later(brandFree, full(policy.channels().get(channel.code()), reserved.channelDay(),
                    reserved.channelWeek(), reserved.channelMonth(), periods));
            if (topic != null) {
                brandFree = later(brandFree, full(policy.topics().get(topic), reserved.topicDay(),
                        reserved.topicWeek(), reserved.topicMonth(), periods));
            }
            if (brandFree != null) {
                defer.add("brand_cap");
                until = later(until, brandFree);
            }
            Instant free = null;
            Preferences.Limits overall = preferences.overall();
            free = later(free, full(overall.maxPerDay(), reserved.allDay(), periods.dayEnd()));
            free = later(free, full(overall.maxPerWeek(), reserved.allWeek(), periods.weekEnd()));
            free = later(free, full(overall.maxPerMonth(), reserved.allMonth(), periods.monthEnd()));
            if (onChannel != null) {
                free = later(free, full(onChannel.maxPerDay(), reserved.channelDay(), periods.dayEnd()));
                free = later(free, full(onChannel.maxPerWeek(), reserved.channelWeek(), periods.weekEnd()));
                free = later(free, full(onChannel.maxPerMonth(), reserved.channelMonth(), periods.monthEnd()));
            }
            if (free != null) {
                defer.add("customer_cap");
                until = later(until, free);
            }
        }
        if (!deny.isEmpty()) {
            List<String> reasons = new ArrayList<>(deny);
            reasons.addAll(defer);
            return new Outcome(Decision.Verdict.DENY, reasons, null);
        }
        if (!defer.isEmpty()) {
            return new Outcome(Decision.Verdict.DEFER, defer, until);
        }
        return new Outcome(Decision.Verdict.ALLOW, List.of(), null);
    }

    /** When the first full period among day, week and month ends; null when each has room. */
    private static Instant full(Preferences.Limits limits, long day, long week, long month, Periods periods) {
        if (limits == null) {
            return null;
        }
        Instant free = full(limits.maxPerDay(), day, periods.dayEnd());
        free = later(free, full(limits.maxPerWeek(), week, periods.weekEnd()));
        return later(free, full(limits.maxPerMonth(), month, periods.monthEnd()));
    }

    /** When the period ends, if its limit is reached; null when there is room (or no limit). */
    private static Instant full(Integer max, long reserved, Instant periodEnd) {
        return max != null && reserved >= max ? periodEnd : null;
    }

    /** The end of the quiet hours {@code at} falls in, or null when it falls outside them. */
    static Instant quietUntil(Preferences.QuietHours quiet, Instant at) {
        ZoneId zone = ZoneId.of(quiet.timezone());
        ZonedDateTime local = at.atZone(zone);
        LocalTime from = LocalTime.parse(quiet.from());
        LocalTime to = LocalTime.parse(quiet.to());
        LocalTime now = local.toLocalTime();
        boolean overnight = to.isBefore(from);
        boolean inside = overnight ? !now.isBefore(from) || now.isBefore(to) : !now.isBefore(from) && now.isBefore(to);
        if (!inside) {
            return null;
        }
        LocalDate endDay = overnight && !now.isBefore(from) ? local.toLocalDate().plusDays(1) : local.toLocalDate();
        return ZonedDateTime.of(endDay, to, zone).toInstant();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
