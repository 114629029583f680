package org.entente.loyalty.internal;

import org.entente.profile.PersonErased;
import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static org.entente.loyalty.db.Tables.LOYALTY_ACCOUNT;
import static org.jooq.impl.DSL.any;

/** An erased person keeps their points and tier history, without the card number that identified them. */
@Component
class LoyaltyErasures {

    private final DSLContext db;

    LoyaltyErasures(DSLContext db) {
        this.db = db;
    }

    @EventListener
    void on(PersonErased event) {
        db.update(LOYALTY_ACCOUNT).setNull(LOYALTY_ACCOUNT.CARD_NUMBER)
                .where(LOYALTY_ACCOUNT.PERSON_ID.eq(any(event.members().toArray(java.util.UUID[]::new)))).execute();
    }
}
