package org.entente.profile.internal;

import org.entente.profile.Identifier;
import org.entente.profile.IdentifierType;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

import static org.entente.profile.db.Tables.PROFILE_CONFLICT;
import static org.entente.profile.db.Tables.PROFILE_EVENT;
import static org.entente.profile.db.Tables.PROFILE_IDENTIFIER;
import static org.entente.profile.db.Tables.PROFILE_MERGE;
import static org.entente.profile.db.Tables.PROFILE_PERSON;
import static org.jooq.impl.DSL.any;

/**
 * Removes a person's personal data from the profile: identifiers deleted, traits emptied, events kept for the
 * statistics but without their identifiers and properties, merge and conflict records without the values that joined
 * them. In the caller's transaction, the group's persons locked.
 */
@Component
public class Eraser {

    /** What an erased event keeps as properties. */
    static final String ERASED = "{\"erased\":true}";

    private final DSLContext db;

    Eraser(DSLContext db) {
        this.db = db;
    }

    public record Erased(List<UUID> members, List<Identifier> identifiers) {
    }

    public Erased erase(UUID root) {
        List<UUID> members = db.select(PROFILE_PERSON.ID).from(PROFILE_PERSON)
                .where(PROFILE_PERSON.SURVIVOR_ID.eq(root)).orderBy(PROFILE_PERSON.ID).forUpdate()
                .fetch(PROFILE_PERSON.ID);
        UUID[] ids = members.toArray(UUID[]::new);
        List<Identifier> identifiers = db.select(PROFILE_IDENTIFIER.IDENTIFIER_TYPE, PROFILE_IDENTIFIER.IDENTIFIER_VALUE)
                .from(PROFILE_IDENTIFIER).where(PROFILE_IDENTIFIER.PERSON_ID.eq(any(ids)))
                .fetch(r -> new Identifier(IdentifierType.fromCode(r.value1()).orElseThrow(), r.value2()));
        db.deleteFrom(PROFILE_IDENTIFIER).where(PROFILE_IDENTIFIER.PERSON_ID.eq(any(ids))).execute();
        db.update(PROFILE_PERSON)
                .setNull(PROFILE_PERSON.FIRST_NAME).setNull(PROFILE_PERSON.LAST_NAME)
                .setNull(PROFILE_PERSON.FIRST_NAME_KEY).setNull(PROFILE_PERSON.LAST_NAME_KEY)
                .setNull(PROFILE_PERSON.LOCALE).setNull(PROFILE_PERSON.TIME_ZONE)
                .setNull(PROFILE_PERSON.BIRTH_DATE).setNull(PROFILE_PERSON.ADDRESS)
                .setNull(PROFILE_PERSON.ATTRIBUTES)
                .where(PROFILE_PERSON.ID.eq(any(ids))).execute();
        db.update(PROFILE_EVENT).set(PROFILE_EVENT.IDENTIFIERS, "{}").set(PROFILE_EVENT.PROPERTIES, ERASED)
                .where(PROFILE_EVENT.PERSON_ID.eq(any(ids))).execute();
        List<String> values = identifiers.stream().map(Identifier::value).toList();
        if (!values.isEmpty()) {
            db.update(PROFILE_MERGE).setNull(PROFILE_MERGE.IDENTIFIER_TYPE).setNull(PROFILE_MERGE.IDENTIFIER_VALUE)
                    .where(PROFILE_MERGE.IDENTIFIER_VALUE.in(values)).execute();
            db.deleteFrom(PROFILE_CONFLICT).where(PROFILE_CONFLICT.IDENTIFIER_VALUE.in(values)).execute();
        }
        return new Erased(members, identifiers);
    }
}
