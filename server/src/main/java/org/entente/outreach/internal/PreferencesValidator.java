package org.entente.outreach.internal;

import org.entente.outreach.ContactChannel;
import org.entente.outreach.Preferences;
import org.entente.platform.ProblemException.FieldError;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Says everything wrong with a person's preferences, field by field, before they are saved. */
public final class PreferencesValidator {

    static final int MAX_PER_PERIOD = 1000;
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private PreferencesValidator() {
    }

    public static List<FieldError> validate(Preferences preferences, List<String> topics) {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, Preferences.ChannelPreference> entry : preferences.channels().entrySet()) {
            String field = "channels." + entry.getKey();
            if (ContactChannel.fromCode(entry.getKey()).isEmpty()) {
                errors.add(new FieldError(field, "Channel", "problem.outreach.channel"));
                continue;
            }
            Preferences.ChannelPreference channel = entry.getValue();
            if (channel == null) {
                errors.add(new FieldError(field, "NotNull", "problem.field.required"));
                continue;
            }
            limits(errors, field, channel.maxPerDay(), channel.maxPerWeek(), channel.maxPerMonth());
        }
        if (preferences.topics() != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < preferences.topics().size(); i++) {
                String topic = preferences.topics().get(i);
                if (topic == null || !topics.contains(topic)) {
                    errors.add(new FieldError("topics[" + i + "]", "Topic", "problem.outreach.topic",
                            String.join(", ", topics)));
                } else if (!seen.add(topic)) {
                    errors.add(new FieldError("topics[" + i + "]", "Duplicate", "problem.outreach.duplicate"));
                }
            }
        }
        limits(errors, "overall", preferences.overall());
        Preferences.QuietHours quiet = preferences.quietHours();
        if (quiet != null) {
            quietHours(errors, "quietHours", quiet.from(), quiet.to());
            if (quiet.timezone() == null) {
                errors.add(new FieldError("quietHours.timezone", "NotNull", "problem.field.required"));
            } else {
                try {
                    ZoneId.of(quiet.timezone());
                } catch (DateTimeException e) {
                    errors.add(new FieldError("quietHours.timezone", "TimeZone", "problem.outreach.timezone"));
                }
            }
        }
        String preferred = preferences.preferredChannel();
        if (preferred != null) {
            if (ContactChannel.fromCode(preferred).isEmpty()) {
                errors.add(new FieldError("preferredChannel", "Channel", "problem.outreach.channel"));
            } else {
                Preferences.ChannelPreference channel = preferences.channels().get(preferred);
                if (channel != null && Boolean.FALSE.equals(channel.allowed())) {
                    errors.add(new FieldError("preferredChannel", "Refused", "problem.outreach.preferredRefused"));
                }
            }
        }
        return errors;
    }

    /** The faults of a set of limits per day, week and month (null: required). */
    static void limits(List<FieldError> errors, String field, Preferences.Limits limits) {
        if (limits == null) {
            errors.add(new FieldError(field, "NotNull", "problem.field.required"));
            return;
        }
        limits(errors, field, limits.maxPerDay(), limits.maxPerWeek(), limits.maxPerMonth());
    }

    /** The faults of quiet hours from {@code from} to {@code to}, both {@code HH:mm} and different. */
    static void quietHours(List<FieldError> errors, String field, String from, String to) {
        boolean fromValid = time(errors, field + ".from", from);
        boolean toValid = time(errors, field + ".to", to);
        if (fromValid && toValid && from.equals(to)) {
            errors.add(new FieldError(field + ".to", "Range", "problem.outreach.quietHoursEmpty"));
        }
    }

    private static void limits(List<FieldError> errors, String field, Integer day, Integer week, Integer month) {
        limit(errors, field + ".maxPerDay", day);
        limit(errors, field + ".maxPerWeek", week);
        limit(errors, field + ".maxPerMonth", month);
    }

    private static void limit(List<FieldError> errors, String field, Integer value) {
        if (value != null && (value < 0 || value > MAX_PER_PERIOD)) {
            errors.add(new FieldError(field, "Range", "problem.outreach.range", 0, MAX_PER_PERIOD));
        }
    }

    private static boolean time(List<FieldError> errors, String field, String value) {
        if (value == null) {
            errors.add(new FieldError(field, "NotNull", "problem.field.required"));
            return false;
        }
        if (!TIME.matcher(value).matches()) {
            errors.add(new FieldError(field, "Time", "problem.outreach.time"));
            return false;
        }
        try {
            LocalTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "Time", "problem.outreach.time"));
            return false;
        }
    }
}
