package org.entente.outreach.internal;

import org.entente.outreach.ContactChannel;
import org.entente.outreach.Decision;
import org.entente.outreach.Preferences;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GateRulesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Preferences preferences(Map<String, Preferences.ChannelPreference> channels,
                                           Preferences.Limits overall, Preferences.QuietHours quiet) {
        return new Preferences(1, null, null, channels, List.of("news", "offers"), overall, quiet, null, false, null);
    }

    @Test
    void quietHoursOvernightAndWithinADay() {
        Preferences.QuietHours night = new Preferences.QuietHours("21:00", "09:00", "Europe/Paris");
        assertThat(GateRules.quietUntil(night, Instant.parse("2027-01-10T20:30:00Z")))
                .isEqualTo(Instant.parse("2027-01-11T08:00:00Z"));
        assertThat(GateRules.quietUntil(night, Instant.parse("2027-01-11T06:00:00Z")))
                .isEqualTo(Instant.parse("2027-01-11T08:00:00Z"));
        assertThat(GateRules.quietUntil(night, Instant.parse("2027-01-11T08:00:00Z"))).isNull();
        assertThat(GateRules.quietUntil(night, Instant.parse("2027-01-11T19:59:59Z"))).isNull();
        Preferences.QuietHours lunch = new Preferences.QuietHours("12:00", "14:00", "Europe/Paris");
        assertThat(GateRules.quietUntil(lunch, Instant.parse("2027-07-01T10:30:00Z")))
                .isEqualTo(Instant.parse("2027-07-01T12:00:00Z"));
        assertThat(GateRules.quietUntil(lunch, Instant.parse("2027-07-01T12:00:00Z"))).isNull();
    }

    @Test
    void periodsFollowTheCalendarOfTheTimeZoneAcrossTheAutumnChange() {
        // Sunday 25 October 2026: Paris goes back from UTC+2 to UTC+1; that day lasts 25 hours.
        GateRules.Periods periods = GateRules.Periods.around(Instant.parse("2026-10-25T12:00:00Z"), PARIS);
        assertThat(periods.dayStart()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
        assertThat(periods.dayEnd()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(periods.weekStart()).isEqualTo(Instant.parse("2026-10-18T22:00:00Z"));
        assertThat(periods.weekEnd()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(periods.monthStart()).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
        assertThat(periods.monthEnd()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
    }

    @Test
    void denyReasonsWinAndDeferWaitsForTheLatestHold() {
        Preferences p = preferences(Map.of("email", new Preferences.ChannelPreference(true, 1, null, null)),
                new Preferences.Limits(null, 5, null), new Preferences.QuietHours("21:00", "09:00", "Europe/Paris"));
        Instant evening = Instant.parse("2027-01-12T21:00:00Z");
        GateRules.Outcome both = GateRules.evaluate(ContactChannel.EMAIL, GateRules.MessageClass.MARKETING, "offers",
                evening, p, true, new GateRules.Reserved(1, 1, 1, 1, 1, 1), PARIS);
        assertThat(both.verdict()).isEqualTo(Decision.Verdict.DEFER);
        assertThat(both.reasons()).containsExactly("quiet_hours", "customer_cap");
        assertThat(both.deferUntil()).isEqualTo(Instant.parse("2027-01-13T08:00:00Z"));
        GateRules.Outcome denied = GateRules.evaluate(ContactChannel.EMAIL, GateRules.MessageClass.MARKETING, "tips",
                evening, p, false, GateRules.Reserved.NONE, PARIS);
        assertThat(denied.verdict()).isEqualTo(Decision.Verdict.DENY);
        assertThat(denied.reasons()).containsExactly("no_consent", "topic_refused", "quiet_hours");
        assertThat(denied.deferUntil()).isNull();
        GateRules.Outcome transactional = GateRules.evaluate(ContactChannel.EMAIL,
                GateRules.MessageClass.TRANSACTIONAL, null, evening, p, false,
                new GateRules.Reserved(9, 9, 9, 9, 9, 9), PARIS);
        assertThat(transactional.verdict()).isEqualTo(Decision.Verdict.ALLOW);
    }

    @Test
    void aLimitOfZeroRefusesThePeriodAndNoLimitNeverDoes() {
        Preferences none = preferences(Map.of("sms", new Preferences.ChannelPreference(null, null, null, 0)),
                new Preferences.Limits(null, null, null), null);
        Instant at = Instant.parse("2027-02-14T10:00:00Z");
        GateRules.Outcome sms = GateRules.evaluate(ContactChannel.SMS, GateRules.MessageClass.SERVICE, null, at, none,
                true, GateRules.Reserved.NONE, PARIS);
        assertThat(sms.reasons()).containsExactly("customer_cap");
        assertThat(sms.deferUntil()).isEqualTo(Instant.parse("2027-02-28T23:00:00Z"));
        GateRules.Outcome email = GateRules.evaluate(ContactChannel.EMAIL, GateRules.MessageClass.SERVICE, null, at,
                none, true, new GateRules.Reserved(500, 500, 500, 500, 500, 500), PARIS);
        assertThat(email.verdict()).isEqualTo(Decision.Verdict.ALLOW);
    }

    @Test
    void slotsCountInTheirOwnPeriodsChannelAndTopic() {
        // Sunday 27 October 2024 is the autumn change in Paris: the week ends Monday 28 at 00:00 local (23:00 UTC).
        GateRules.Periods periods = GateRules.Periods.around(Instant.parse("2024-10-27T10:00:00Z"), PARIS);
        List<GateRules.Slot> slots = List.of(
                new GateRules.Slot("email", "offers", Instant.parse("2024-10-27T09:00:00Z")),
                new GateRules.Slot("sms", "offers", Instant.parse("2024-10-27T22:59:59Z")),
                new GateRules.Slot("email", "news", Instant.parse("2024-10-21T00:00:00Z")),
                new GateRules.Slot("email", null, Instant.parse("2024-10-27T23:00:00Z")),
                new GateRules.Slot("email", "offers", Instant.parse("2024-09-30T21:59:59Z")));
        GateRules.Reserved reserved = GateRules.count(slots, "email", "offers", periods);
        // October begins at 22:00 UTC on 30 September (CEST); the last slot is a second before it.
        assertThat(reserved).isEqualTo(new GateRules.Reserved(1, 2, 3, 2, 3, 4, 2, 2, 2));
        assertThat(GateRules.count(slots, "push", null, periods)).isEqualTo(new GateRules.Reserved(0, 0, 0, 2, 3, 4,
                0, 0, 0));
    }
}
