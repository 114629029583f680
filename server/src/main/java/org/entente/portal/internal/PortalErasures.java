package org.entente.portal.internal;

import org.entente.profile.PersonErased;
import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.UUID;

import static org.entente.portal.db.Tables.PORTAL_SIGN_IN_LINK;

/** An erased person's sign-in links go, in the erasing transaction: nobody signs in as them again. */
@Component
class PortalErasures {

    private final DSLContext db;

    PortalErasures(DSLContext db) {
        this.db = db;
    }

    @EventListener
    void on(PersonErased event) {
        db.deleteFrom(PORTAL_SIGN_IN_LINK)
                .where(PORTAL_SIGN_IN_LINK.PERSON_ID.in(event.members().toArray(UUID[]::new))).execute();
    }
}
