package org.entente.outreach.internal;

import org.entente.platform.Hashes;
import org.entente.profile.Identifier;
import org.entente.profile.PersonErased;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.entente.outreach.db.Tables.OUTREACH_CONSENT;
import static org.entente.outreach.db.Tables.OUTREACH_DECISION;
import static org.entente.outreach.db.Tables.OUTREACH_SUPPRESSION;

/**
 * What outreach does when a person is erased, in the erasing transaction: the evidence of their consents (hashed IP,
 * user agent) is removed, messages lose their text and address (waiting ones are cancelled), verdict keys or campaigns naming their identifiers are replaced, and the SHA-256 of each
 * identifier they had, and of their profile id, is kept as a suppression entry: the gate refuses to contact anybody
 * who carries one again, whatever imports bring back later.
 */
@Component
public class Suppression {

    private final DSLContext db;
    private final MessageStore messages;

    Suppression(DSLContext db, MessageStore messages) {
        this.db = db;
        this.messages = messages;
    }

    /** The suppression hash of an identifier. */
    public static String hash(Identifier identifier) {
        return Hashes.sha256(identifier.key());
    }

    /** The suppression hash of an erased profile id. */
    public static String hash(UUID person) {
        return Hashes.sha256("person:" + person);
    }

    @EventListener
    void on(PersonErased event) {
        UUID[] members = event.members().toArray(UUID[]::new);
        messages.erase(members, event.at());
        db.update(OUTREACH_CONSENT).setNull(OUTREACH_CONSENT.IP_HASH).setNull(OUTREACH_CONSENT.USER_AGENT)
                .where(OUTREACH_CONSENT.PERSON_ID.in(members)).execute();
        Condition named = DSL.falseCondition();
        for (Identifier identifier : event.identifiers()) {
            named = named.or(OUTREACH_DECISION.IDEMPOTENCY_KEY.contains(identifier.value()))
                    .or(OUTREACH_DECISION.CAMPAIGN.contains(identifier.value()));
        }
        db.update(OUTREACH_DECISION)
                .set(OUTREACH_DECISION.IDEMPOTENCY_KEY, DSL.concat(DSL.inline("erased:"), OUTREACH_DECISION.ID.cast(String.class)))
                .setNull(OUTREACH_DECISION.CAMPAIGN)
                .where(named).execute();
        List<String> hashes = new ArrayList<>();
        event.identifiers().forEach(identifier -> hashes.add(hash(identifier)));
        event.members().forEach(member -> hashes.add(hash(member)));
        for (String hash : hashes) {
            db.insertInto(OUTREACH_SUPPRESSION).set(OUTREACH_SUPPRESSION.IDENTIFIER_HASH, hash)
                    .set(OUTREACH_SUPPRESSION.CREATED_AT, event.at()).onConflictDoNothing().execute();
        }
    }
}
