package org.entente.profile.internal;

import org.entente.profile.Identifier;
import org.entente.profile.TimelineNote;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.util.UUID;

import static org.entente.profile.db.Tables.PROFILE_EVENT;
import static org.entente.profile.db.Tables.PROFILE_IDENTIFIER;
import static org.entente.profile.db.Tables.PROFILE_PERSON;

/**
 * What other modules add to a person without an event from a touchpoint: notes on the timeline and identifiers they
 * issued (a loyalty card). Neither locks the person: they only insert, keyed so that doing it twice does nothing.
 */
@Repository
public class Annotations {

    /** The identifiers of a note: none, which tells a note from an event recorded from a touchpoint. */
    static final String NO_IDENTIFIERS = "{}";

    private final DSLContext db;
    private final IdentityProperties identity;
    private final Clock clock;

    Annotations(DSLContext db, IdentityProperties identity, Clock clock) {
        this.db = db;
        this.identity = identity;
        this.clock = clock;
    }

    public void note(UUID personId, TimelineNote note) {
        db.insertInto(PROFILE_EVENT)
                .set(PROFILE_EVENT.ID, note.id())
                .set(PROFILE_EVENT.PERSON_ID, personId)
                .set(PROFILE_EVENT.EVENT_TYPE, note.type())
                .set(PROFILE_EVENT.CHANNEL, note.channel().code())
                .set(PROFILE_EVENT.OCCURRED_AT, note.occurredAt())
                .set(PROFILE_EVENT.RECEIVED_AT, clock.instant())
                .set(PROFILE_EVENT.IDENTIFIERS, NO_IDENTIFIERS)
                .set(PROFILE_EVENT.PROPERTIES, note.propertiesJson())
                .onConflictDoNothing()
                .execute();
    }

    /**
     * @return whether the identifier now belongs to the person's group: false when it belongs to somebody else or
     * when the group already holds as many of its type as allowed
     */
    public boolean attach(UUID personId, Identifier identifier, String reason) {
        UUID owner = db.select(PROFILE_PERSON.SURVIVOR_ID).from(PROFILE_IDENTIFIER)
                .join(PROFILE_PERSON).on(PROFILE_PERSON.ID.eq(PROFILE_IDENTIFIER.PERSON_ID))
                .where(PROFILE_IDENTIFIER.IDENTIFIER_KEY.eq(identifier.key()))
                .fetchOptional(PROFILE_PERSON.SURVIVOR_ID).orElse(null);
        if (owner != null) {
            return owner.equals(personId);
        }
        int held = db.fetchCount(PROFILE_IDENTIFIER.join(PROFILE_PERSON)
                        .on(PROFILE_PERSON.ID.eq(PROFILE_IDENTIFIER.PERSON_ID)),
                PROFILE_PERSON.SURVIVOR_ID.eq(personId)
                        .and(PROFILE_IDENTIFIER.IDENTIFIER_TYPE.eq(identifier.type().code())));
        if (held >= identity.limit(identifier.type())) {
            return false;
        }
        return db.insertInto(PROFILE_IDENTIFIER)
                .set(PROFILE_IDENTIFIER.IDENTIFIER_KEY, identifier.key())
                .set(PROFILE_IDENTIFIER.IDENTIFIER_TYPE, identifier.type().code())
                .set(PROFILE_IDENTIFIER.IDENTIFIER_VALUE, identifier.value())
                .set(PROFILE_IDENTIFIER.PERSON_ID, personId)
                .set(PROFILE_IDENTIFIER.CREATED_AT, clock.instant())
                .set(PROFILE_IDENTIFIER.EVENT_ID, reason)
                .onConflictDoNothing()
                .execute() == 1;
    }
}
