package org.entente.outreach.internal;

import org.entente.outreach.Consent;
import org.entente.outreach.PreferenceChange;
import org.entente.outreach.Preferences;
import org.entente.platform.CursorPage;
import org.entente.platform.Cursors;
import org.entente.platform.ProblemException;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import static org.entente.outreach.db.Tables.OUTREACH_CONSENT;
import static org.entente.outreach.db.Tables.OUTREACH_PREFERENCES;
import static org.entente.outreach.db.Tables.OUTREACH_PREFERENCE_CHANGE;

/** Preferences, their changes and the consent ledger, in the caller's transaction. */
@Component
public class OutreachStore {

    private final DSLContext db;
    private final JsonMapper json;

    OutreachStore(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A person's saved preferences, locked when {@code lock}. */
    public Optional<Preferences> preferences(UUID person, boolean lock) {
        var select = db.select(OUTREACH_PREFERENCES.PREFERENCES).from(OUTREACH_PREFERENCES)
                .where(OUTREACH_PREFERENCES.PERSON_ID.eq(person));
        return (lock ? select.forUpdate() : select).fetchOptional(OUTREACH_PREFERENCES.PREFERENCES)
                .map(text -> json.readValue(text, Preferences.class));
    }

    /** The saved preferences of each of these persons who saved some. */
    public java.util.Map<UUID, Preferences> preferences(java.util.Collection<UUID> persons) {
        java.util.Map<UUID, Preferences> saved = new java.util.HashMap<>();
        db.select(OUTREACH_PREFERENCES.PERSON_ID, OUTREACH_PREFERENCES.PREFERENCES).from(OUTREACH_PREFERENCES)
                .where(OUTREACH_PREFERENCES.PERSON_ID.eq(org.jooq.impl.DSL.any(persons.toArray(UUID[]::new))))
                .forEach(r -> saved.put(r.value1(), json.readValue(r.value2(), Preferences.class)));
        return saved;
    }

    /**
     * Saves a new version of a person's preferences and records the change.
     *
     * @throws ProblemException.Conflict {@code stale_preferences} when they changed since {@code basedOn}
     */
    public Preferences save(UUID person, Preferences preferences, Integer basedOn, UUID changeId, Instant now,
                            String by, String source) {
        Optional<Preferences> current = preferences(person, true);
        int version = current.map(Preferences::version).orElse(0);
        if (basedOn != null && basedOn != version) {
            throw ProblemException.Conflict.coded("stale_preferences", "problem.outreach.stalePreferences", basedOn,
                    version);
        }
        Preferences saved = preferences.saved(version + 1, now, by);
        String text = json.writeValueAsString(saved);
        if (current.isEmpty()) {
            db.insertInto(OUTREACH_PREFERENCES)
                    .set(OUTREACH_PREFERENCES.PERSON_ID, person)
                    .set(OUTREACH_PREFERENCES.VERSION, saved.version())
                    .set(OUTREACH_PREFERENCES.PREFERENCES, text)
                    .set(OUTREACH_PREFERENCES.UPDATED_AT, now)
                    .set(OUTREACH_PREFERENCES.UPDATED_BY, by)
                    .set(OUTREACH_PREFERENCES.SOURCE, source)
                    .execute();
        } else {
            db.update(OUTREACH_PREFERENCES)
                    .set(OUTREACH_PREFERENCES.VERSION, saved.version())
                    .set(OUTREACH_PREFERENCES.PREFERENCES, text)
                    .set(OUTREACH_PREFERENCES.UPDATED_AT, now)
                    .set(OUTREACH_PREFERENCES.UPDATED_BY, by)
                    .set(OUTREACH_PREFERENCES.SOURCE, source)
                    .where(OUTREACH_PREFERENCES.PERSON_ID.eq(person))
                    .execute();
        }
        db.insertInto(OUTREACH_PREFERENCE_CHANGE)
                .set(OUTREACH_PREFERENCE_CHANGE.ID, changeId)
                .set(OUTREACH_PREFERENCE_CHANGE.PERSON_ID, person)
                .set(OUTREACH_PREFERENCE_CHANGE.CHANGED_AT, now)
                .set(OUTREACH_PREFERENCE_CHANGE.ACTOR, by)
                .set(OUTREACH_PREFERENCE_CHANGE.SOURCE, source)
                .set(OUTREACH_PREFERENCE_CHANGE.BEFORE, current.map(json::writeValueAsString).orElse(null))
                .set(OUTREACH_PREFERENCE_CHANGE.AFTER, text)
                .execute();
        return saved;
    }

    /** Every change of a person's preferences, newest first. */
    public List<PreferenceChange> allChanges(UUID person) {
        return db.selectFrom(OUTREACH_PREFERENCE_CHANGE).where(OUTREACH_PREFERENCE_CHANGE.PERSON_ID.eq(person))
                .orderBy(OUTREACH_PREFERENCE_CHANGE.ID.desc())
                .fetch(r -> new PreferenceChange(r.getId(), r.getPersonId(), r.getChangedAt(), r.getActor(),
                        r.getSource(), r.getBefore(), r.getAfter()));
    }

    /** A person's changes of preferences, newest first. */
    public CursorPage<PreferenceChange> changes(UUID person, String before, int limit) {
        var condition = OUTREACH_PREFERENCE_CHANGE.PERSON_ID.eq(person);
        if (before != null) {
            condition = condition.and(OUTREACH_PREFERENCE_CHANGE.ID.lt(Cursors.decodeUuid(before)));
        }
        List<PreferenceChange> rows = db.selectFrom(OUTREACH_PREFERENCE_CHANGE).where(condition)
                .orderBy(OUTREACH_PREFERENCE_CHANGE.ID.desc()).limit(limit + 1)
                .fetch(r -> new PreferenceChange(r.getId(), r.getPersonId(), r.getChangedAt(), r.getActor(), r.getSource(),
                        r.getBefore(), r.getAfter()));
        return CursorPage.of(rows, limit, change -> Cursors.encode(change.id().toString()));
    }

    public void insert(Consent consent) {
        db.insertInto(OUTREACH_CONSENT)
                .set(OUTREACH_CONSENT.ID, consent.id())
                .set(OUTREACH_CONSENT.PERSON_ID, consent.personId())
                .set(OUTREACH_CONSENT.PURPOSE, consent.purpose())
                .set(OUTREACH_CONSENT.CHANNEL, consent.channel())
                .set(OUTREACH_CONSENT.STATUS, consent.status().code())
                .set(OUTREACH_CONSENT.SOURCE, consent.source())
                .set(OUTREACH_CONSENT.ACTOR, consent.actor().code())
                .set(OUTREACH_CONSENT.RECORDED_BY, consent.recordedBy())
                .set(OUTREACH_CONSENT.NOTICE_VERSION, consent.noticeVersion())
                .set(OUTREACH_CONSENT.LEGAL_BASIS, consent.legalBasis().code())
                .set(OUTREACH_CONSENT.GIVEN_AT, consent.givenAt())
                .set(OUTREACH_CONSENT.RECORDED_AT, consent.recordedAt())
                .set(OUTREACH_CONSENT.IP_HASH, consent.ipHash())
                .set(OUTREACH_CONSENT.USER_AGENT, consent.userAgent())
                .execute();
    }

    /** Every consent record of a person, oldest first: the current state is derived from it. */
    public List<Consent> consents(UUID person) {
        return db.selectFrom(OUTREACH_CONSENT).where(OUTREACH_CONSENT.PERSON_ID.eq(person))
                .orderBy(OUTREACH_CONSENT.ID).fetch(this::consent);
    }

    /** The consent records of each of these persons, oldest first. */
    public java.util.Map<UUID, List<Consent>> consents(java.util.Collection<UUID> persons) {
        java.util.Map<UUID, List<Consent>> byPerson = new java.util.HashMap<>();
        db.selectFrom(OUTREACH_CONSENT)
                .where(OUTREACH_CONSENT.PERSON_ID.eq(org.jooq.impl.DSL.any(persons.toArray(UUID[]::new))))
                .orderBy(OUTREACH_CONSENT.ID)
                .forEach(r -> byPerson.computeIfAbsent(r.getPersonId(), p -> new java.util.ArrayList<>())
                        .add(consent(r)));
        return byPerson;
    }

    /** A person's consent records, newest first. */
    public CursorPage<Consent> consentHistory(UUID person, String before, int limit) {
        var condition = OUTREACH_CONSENT.PERSON_ID.eq(person);
        if (before != null) {
            condition = condition.and(OUTREACH_CONSENT.ID.lt(Cursors.decodeUuid(before)));
        }
        List<Consent> rows = db.selectFrom(OUTREACH_CONSENT).where(condition).orderBy(OUTREACH_CONSENT.ID.desc())
                .limit(limit + 1).fetch(this::consent);
        return CursorPage.of(rows, limit, consent -> Cursors.encode(consent.id().toString()));
    }

    /**
     * Brings what a merged-away person chose to the person it was merged into: the consent records (the ledger keeps
     * both persons' history), and the preferences changed last.
     */
    public void merge(UUID survivor, UUID merged) {
        db.update(OUTREACH_CONSENT).set(OUTREACH_CONSENT.PERSON_ID, survivor)
                .where(OUTREACH_CONSENT.PERSON_ID.eq(merged)).execute();
        db.update(OUTREACH_PREFERENCE_CHANGE).set(OUTREACH_PREFERENCE_CHANGE.PERSON_ID, survivor)
                .where(OUTREACH_PREFERENCE_CHANGE.PERSON_ID.eq(merged)).execute();
        var survivorRow = db.selectFrom(OUTREACH_PREFERENCES).where(OUTREACH_PREFERENCES.PERSON_ID.eq(survivor))
                .forUpdate().fetchOptional();
        var mergedRow = db.selectFrom(OUTREACH_PREFERENCES).where(OUTREACH_PREFERENCES.PERSON_ID.eq(merged))
                .forUpdate().fetchOptional();
        if (mergedRow.isEmpty()) {
            return;
        }
        if (survivorRow.isEmpty() || mergedRow.get().getUpdatedAt().isAfter(survivorRow.get().getUpdatedAt())) {
            db.deleteFrom(OUTREACH_PREFERENCES).where(OUTREACH_PREFERENCES.PERSON_ID.eq(survivor)).execute();
            db.update(OUTREACH_PREFERENCES).set(OUTREACH_PREFERENCES.PERSON_ID, survivor)
                    .where(OUTREACH_PREFERENCES.PERSON_ID.eq(merged)).execute();
        } else {
            db.deleteFrom(OUTREACH_PREFERENCES).where(OUTREACH_PREFERENCES.PERSON_ID.eq(merged)).execute();
        }
    }

    private Consent consent(org.entente.outreach.db.tables.records.OutreachConsentRecord r) {
        return new Consent(r.getId(), r.getPersonId(), r.getPurpose(), r.getChannel(),
                Consent.Status.valueOf(r.getStatus().toUpperCase(Locale.ROOT)), r.getSource(),
                Consent.Actor.valueOf(r.getActor().toUpperCase(Locale.ROOT)), r.getRecordedBy(),
                r.getNoticeVersion(), Consent.LegalBasis.valueOf(r.getLegalBasis().toUpperCase(Locale.ROOT)),
                r.getGivenAt(), r.getRecordedAt(), r.getIpHash(), r.getUserAgent());
    }
}
