package org.entente.backoffice.web;

import org.entente.outreach.ContactChannel;
import org.entente.outreach.ContactPolicy;
import org.entente.outreach.Preferences;
import org.entente.platform.ProblemException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contact policy as a form: one input per limit, named by its path in the policy document
 * ({@code channels.email.maxPerWeek}), so that the service's faults land next to their inputs. Blank means no limit.
 * Quiet hours per country are lines such as {@code FR 21:00-08:00}.
 */
final class ContactPolicyForm {

    static final List<String> PERIODS = List.of("maxPerDay", "maxPerWeek", "maxPerMonth");
    private static final Pattern COUNTRY = Pattern.compile("([A-Za-z]{2})\\s+(\\d{1,2}:\\d{2})\\s*[-–]\\s*(\\d{1,2}:\\d{2})");
    private static final int MAX_COUNTRIES_TEXT = 10_000;

    private ContactPolicyForm() {
    }

    /** The inputs' values showing this policy. */
    static Map<String, String> values(ContactPolicy policy, List<String> topics) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("version", String.valueOf(policy.version()));
        for (ContactChannel channel : ContactChannel.values()) {
            limits(values, "channels." + channel.code(), policy.channels().get(channel.code()));
        }
        limits(values, "overall", policy.overall());
        for (String topic : topics) {
            limits(values, "topics." + topic, policy.topics().get(topic));
        }
        ContactPolicy.BrandQuietHours quiet = policy.quietHours();
        values.put("quietHours.from", quiet == null || quiet.from() == null ? "" : quiet.from());
        values.put("quietHours.to", quiet == null || quiet.to() == null ? "" : quiet.to());
        StringBuilder countries = new StringBuilder();
        if (quiet != null) {
            quiet.countries().forEach((country, hours) -> countries.append(country).append(' ').append(hours.from())
                    .append('-').append(hours.to()).append('\n'));
        }
        values.put("quietHours.countries", countries.toString());
        ContactPolicy.Fatigue fatigue = policy.fatigue();
        values.put("fatigue.daysAfterUnsubscribe", String.valueOf(fatigue.daysAfterUnsubscribe()));
        values.put("fatigue.daysAfterComplaint", String.valueOf(fatigue.daysAfterComplaint()));
        values.put("fatigue.unopenedInARow", String.valueOf(fatigue.unopenedInARow()));
        values.put("fatigue.daysAfterUnopened", String.valueOf(fatigue.daysAfterUnopened()));
        return values;
    }

    private static void limits(Map<String, String> values, String field, Preferences.Limits limits) {
        values.put(field + ".maxPerDay", limits == null || limits.maxPerDay() == null ? "" : limits.maxPerDay().toString());
        values.put(field + ".maxPerWeek", limits == null || limits.maxPerWeek() == null ? ""
                : limits.maxPerWeek().toString());
        values.put(field + ".maxPerMonth", limits == null || limits.maxPerMonth() == null ? ""
                : limits.maxPerMonth().toString());
    }

    /**
     * The policy the form asks for; what cannot even be read (a number that is not one, a country line out of shape)
     * is refused here, the rest by the service.
     *
     * @throws ProblemException.BadRequest with every input that cannot be read
     */
    static ContactPolicy read(Map<String, String> form, List<String> topics) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        Map<String, Preferences.Limits> channels = new LinkedHashMap<>();
        for (ContactChannel channel : ContactChannel.values()) {
            Preferences.Limits limits = limits(form, "channels." + channel.code(), errors);
            if (limits != null) {
                channels.put(channel.code(), limits);
            }
        }
        Preferences.Limits overall = limits(form, "overall", errors);
        Map<String, Preferences.Limits> byTopic = new LinkedHashMap<>();
        for (String topic : topics) {
            Preferences.Limits limits = limits(form, "topics." + topic, errors);
            if (limits != null) {
                byTopic.put(topic, limits);
            }
        }
        String from = text(form, "quietHours.from");
        String to = text(form, "quietHours.to");
        Map<String, ContactPolicy.BrandQuietHours> countries = countries(text(form, "quietHours.countries"), errors);
        ContactPolicy.BrandQuietHours quiet = from.isEmpty() && to.isEmpty() && countries.isEmpty() ? null
                : new ContactPolicy.BrandQuietHours(from.isEmpty() ? null : from, to.isEmpty() ? null : to,
                countries);
        ContactPolicy.Fatigue fatigue = new ContactPolicy.Fatigue(
                number(form, "fatigue.daysAfterUnsubscribe", errors), number(form, "fatigue.daysAfterComplaint", errors),
                number(form, "fatigue.unopenedInARow", errors), number(form, "fatigue.daysAfterUnopened", errors));
        Integer version = number(form, "version", errors);
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        return new ContactPolicy(version, null, null, channels, overall, byTopic, quiet, fatigue);
    }

    /** The limits of one row, or null when the row is blank (no limit of the brand's). */
    private static Preferences.Limits limits(Map<String, String> form, String field,
                                             List<ProblemException.FieldError> errors) {
        Integer day = number(form, field + ".maxPerDay", errors);
        Integer week = number(form, field + ".maxPerWeek", errors);
        Integer month = number(form, field + ".maxPerMonth", errors);
        return day == null && week == null && month == null ? null : new Preferences.Limits(day, week, month);
    }

    private static Integer number(Map<String, String> form, String field, List<ProblemException.FieldError> errors) {
        String text = text(form, field);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            errors.add(new ProblemException.FieldError(field, "Integer", "bo.settings.policy.number"));
            return null;
        }
    }

    private static Map<String, ContactPolicy.BrandQuietHours> countries(String text,
                                                                        List<ProblemException.FieldError> errors) {
        Map<String, ContactPolicy.BrandQuietHours> countries = new LinkedHashMap<>();
        if (text.length() > MAX_COUNTRIES_TEXT) {
            errors.add(new ProblemException.FieldError("quietHours.countries", "Size", "bo.settings.policy.countries"));
            return countries;
        }
        for (String line : text.split("\\R")) {
            String entry = line.strip();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher parts = COUNTRY.matcher(entry);
            if (!parts.matches()) {
                errors.add(new ProblemException.FieldError("quietHours.countries", "Format",
                        "bo.settings.policy.countries"));
                continue;
            }
            String country = parts.group(1).toUpperCase(Locale.ROOT);
            if (countries.put(country, new ContactPolicy.BrandQuietHours(padded(parts.group(2)),
                    padded(parts.group(3)), null)) != null) {
                errors.add(new ProblemException.FieldError("quietHours.countries", "Duplicate",
                        "bo.settings.policy.duplicateCountry", country));
            }
        }
        return countries;
    }

    private static String padded(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    private static String text(Map<String, String> form, String field) {
        String value = form.get(field);
        return value == null ? "" : value.strip();
    }
}
