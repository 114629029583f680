package org.entente.outreach.internal;

import org.entente.outreach.ContactPolicy;
import org.entente.outreach.ContactChannel;
import org.entente.outreach.Preferences;
import org.entente.platform.ProblemException;
import org.entente.platform.ProblemException.FieldError;
import org.entente.platform.Refreshed;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.entente.outreach.db.Tables.OUTREACH_POLICY;

/**
 * The brand's contact policy in force: the highest saved version, kept in memory. This node's save is in force once
 * committed, another node's within {@link #REFRESH}.
 */
@Component
public class PolicyStore {

    static final Duration REFRESH = Duration.ofSeconds(5);

    private final DSLContext db;
    private final JsonMapper json;
    private final Refreshed<ContactPolicy> policy;

    PolicyStore(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
        this.policy = new Refreshed<>(REFRESH, () -> db.select(OUTREACH_POLICY.DEFINITION).from(OUTREACH_POLICY)
                .orderBy(OUTREACH_POLICY.VERSION.desc()).limit(1).fetchOptional(OUTREACH_POLICY.DEFINITION)
                .map(text -> json.readValue(text, ContactPolicy.class)).orElse(ContactPolicy.NONE));
    }

    public ContactPolicy current() {
        return policy.get();
    }

    /**
     * Saves the next version, in the caller's transaction.
     *
     * @throws ProblemException.Conflict {@code stale_policy} when another version was saved since {@code basedOn}
     */
    public ContactPolicy save(ContactPolicy policy, Integer basedOn, Instant now, String by) {
        int current = db.select(DSL.max(OUTREACH_POLICY.VERSION)).from(OUTREACH_POLICY).fetchOptional(0, Integer.class)
                .orElse(0);
        if (basedOn != null && basedOn != current) {
            throw ProblemException.Conflict.coded("stale_policy", "problem.outreach.stalePolicy", basedOn, current);
        }
        ContactPolicy saved = policy.saved(current + 1, now, by);
        int inserted = db.insertInto(OUTREACH_POLICY)
                .set(OUTREACH_POLICY.VERSION, current + 1)
                .set(OUTREACH_POLICY.DEFINITION, json.writeValueAsString(saved))
                .set(OUTREACH_POLICY.CREATED_AT, now)
                .set(OUTREACH_POLICY.CREATED_BY, by)
                .onConflictDoNothing().execute();
        if (inserted == 0) {
            throw ProblemException.Conflict.coded("stale_policy", "problem.outreach.stalePolicy", current,
                    current + 1);
        }
        this.policy.changed();
        return saved;
    }

    private static final java.util.Set<String> COUNTRIES = java.util.Set.of(Locale.getISOCountries());

    /** Every fault of a policy, field by field. */
    public static List<FieldError> validate(ContactPolicy policy, List<String> topics) {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, Preferences.Limits> entry : policy.channels().entrySet()) {
            if (ContactChannel.fromCode(entry.getKey()).isEmpty()) {
                errors.add(new FieldError("channels." + entry.getKey(), "Channel", "problem.outreach.channel"));
            } else {
                PreferencesValidator.limits(errors, "channels." + entry.getKey(), entry.getValue());
            }
        }
        PreferencesValidator.limits(errors, "overall", policy.overall());
        for (Map.Entry<String, Preferences.Limits> entry : policy.topics().entrySet()) {
            if (!topics.contains(entry.getKey())) {
                errors.add(new FieldError("topics." + entry.getKey(), "Topic", "problem.outreach.topic",
                        String.join(", ", topics)));
            } else {
                PreferencesValidator.limits(errors, "topics." + entry.getKey(), entry.getValue());
            }
        }
        if (policy.fatigue().daysAfterUnsubscribe() < 0 || policy.fatigue().daysAfterUnsubscribe() > 3660) {
            errors.add(new FieldError("fatigue.daysAfterUnsubscribe", "Range", "problem.outreach.range", 0, 3660));
        }
        if (policy.fatigue().daysAfterComplaint() < 0 || policy.fatigue().daysAfterComplaint() > 3660) {
            errors.add(new FieldError("fatigue.daysAfterComplaint", "Range", "problem.outreach.range", 0, 3660));
        }
        if (policy.fatigue().unopenedInARow() < 0 || policy.fatigue().unopenedInARow() > 100) {
            errors.add(new FieldError("fatigue.unopenedInARow", "Range", "problem.outreach.range", 0, 100));
        }
        if (policy.fatigue().daysAfterUnopened() < 1 || policy.fatigue().daysAfterUnopened() > 3660) {
            errors.add(new FieldError("fatigue.daysAfterUnopened", "Range", "problem.outreach.range", 1, 3660));
        }
        if (policy.quietHours() != null) {
            PreferencesValidator.quietHours(errors, "quietHours", policy.quietHours().from(),
                    policy.quietHours().to());
            if (policy.quietHours().countries().size() > 250) {
                errors.add(new FieldError("quietHours.countries", "Size", "problem.outreach.range", 0, 250));
            }
            for (Map.Entry<String, ContactPolicy.BrandQuietHours> entry : policy.quietHours().countries().entrySet()) {
                String field = "quietHours.countries." + entry.getKey();
                if (!COUNTRIES.contains(entry.getKey())) {
                    errors.add(new FieldError(field, "Country", "problem.outreach.countryCode"));
                } else if (entry.getValue() == null) {
                    errors.add(new FieldError(field, "NotNull", "problem.field.required"));
                } else if (!entry.getValue().countries().isEmpty()) {
                    errors.add(new FieldError(field + ".countries", "Null", "problem.field.unknown"));
                } else {
                    PreferencesValidator.quietHours(errors, field, entry.getValue().from(), entry.getValue().to());
                }
            }
        }
        return errors;
    }
}
