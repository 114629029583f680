package org.entente.checkout.internal;

import org.entente.profile.Identifier;
import org.entente.profile.PersonErased;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.UUID;

import static org.entente.checkout.db.Tables.CHECKOUT_QUOTE;

/**
 * Quotes keep the identifiers a till sent: those of an erased person, or naming their identifiers, are deleted (the
 * orders they confirmed stay in the profile's events, without personal data).
 */
@Component
class CheckoutErasures {

    private final DSLContext db;

    CheckoutErasures(DSLContext db) {
        this.db = db;
    }

    @EventListener
    void on(PersonErased event) {
        Condition named = CHECKOUT_QUOTE.PERSON_ID.in(event.members().toArray(UUID[]::new));
        for (Identifier identifier : event.identifiers()) {
            named = named.or(CHECKOUT_QUOTE.CONTENT.contains(identifier.value()));
        }
        db.deleteFrom(CHECKOUT_QUOTE).where(named).execute();
    }
}
