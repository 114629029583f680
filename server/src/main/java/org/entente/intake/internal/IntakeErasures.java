package org.entente.intake.internal;

import org.entente.profile.Identifier;
import org.entente.profile.PersonErased;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static org.entente.intake.db.Tables.INTAKE_IMPORT_REJECTION;
import static org.entente.intake.db.Tables.INTAKE_REJECTION;

/**
 * Rejected events and import lines keep what was sent, as it was sent: those naming an erased person's identifiers
 * are deleted. A scan of the rejections, acceptable for a rare request.
 */
@Component
class IntakeErasures {

    private final DSLContext db;

    IntakeErasures(DSLContext db) {
        this.db = db;
    }

    @EventListener
    void on(PersonErased event) {
        Condition payload = DSL.falseCondition();
        Condition content = DSL.falseCondition();
        for (Identifier identifier : event.identifiers()) {
            payload = payload.or(INTAKE_REJECTION.PAYLOAD.contains(identifier.value()));
            content = content.or(INTAKE_IMPORT_REJECTION.CONTENT.contains(identifier.value()));
        }
        db.deleteFrom(INTAKE_REJECTION).where(payload).execute();
        db.deleteFrom(INTAKE_IMPORT_REJECTION).where(content).execute();
    }
}
