package org.entente.checkout.internal;

import org.entente.checkout.Offer;
import org.entente.platform.Actor;
import org.entente.platform.ProblemException;
import org.entente.platform.Refreshed;
import org.jooq.DSLContext;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.entente.checkout.db.Tables.CHECKOUT_OFFER;

/**
 * The offers, and the catalog in force compiled from them and kept in memory. This node's changes are in force as
 * soon as they are committed; another node's within {@link #REFRESH}.
 */
@Component
public class OfferStore implements InitializingBean {

    /** The member price offer Entente starts with, so that tier benefits apply at checkout out of the box. */
    static final UUID MEMBER_PRICE = UUID.nameUUIDFromBytes("entente:checkout:member-price".getBytes(
            java.nio.charset.StandardCharsets.UTF_8));

    static final Duration REFRESH = Duration.ofSeconds(5);

    private final DSLContext db;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final Refreshed<Catalog> catalog = new Refreshed<>(REFRESH, () -> Catalog.of(list()));

    OfferStore(DSLContext db, JsonMapper json, Clock clock, TransactionTemplate transactions) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * Adds the member price offer at the first start (several nodes starting at once add it once). Once withdrawn,
     * it stays withdrawn.
     */
    @Override
    public void afterPropertiesSet() {
        Instant now = clock.instant();
        Offer memberPrice = new Offer.MemberPrice(null, null, null, null,
                Map.of("en", "Member price", "fr", "Prix membre"), List.of(), null, null, List.of(), "EUR", 0, true,
                null).saved(MEMBER_PRICE, 1, now, Actor.system().name());
        transactions.executeWithoutResult(status -> db.insertInto(CHECKOUT_OFFER)
                .set(CHECKOUT_OFFER.ID, MEMBER_PRICE)
                .set(CHECKOUT_OFFER.VERSION, 1)
                .set(CHECKOUT_OFFER.DEFINITION, json.writeValueAsString(memberPrice))
                .set(CHECKOUT_OFFER.CREATED_AT, now)
                .set(CHECKOUT_OFFER.UPDATED_AT, now)
                .set(CHECKOUT_OFFER.UPDATED_BY, Actor.system().name())
                .onConflictDoNothing()
                .execute());
    }

    /** The catalog in force. */
    public Catalog catalog() {
        return catalog.get();
    }

    /** The offers not deleted, oldest first. */
    public List<Offer> list() {
        return db.select(CHECKOUT_OFFER.DEFINITION).from(CHECKOUT_OFFER).where(CHECKOUT_OFFER.DELETED_AT.isNull())
                .orderBy(CHECKOUT_OFFER.CREATED_AT, CHECKOUT_OFFER.ID)
                .fetch(row -> json.readValue(row.value1(), Offer.class));
    }

    public Optional<Offer> find(UUID id) {
        return db.select(CHECKOUT_OFFER.DEFINITION).from(CHECKOUT_OFFER).where(CHECKOUT_OFFER.ID.eq(id))
                .and(CHECKOUT_OFFER.DELETED_AT.isNull())
                .fetchOptional(row -> json.readValue(row.value1(), Offer.class));
    }

    public Offer create(Offer offer, UUID id, Instant now, String by) {
        Offer saved = offer.saved(id, 1, now, by);
        db.insertInto(CHECKOUT_OFFER)
                .set(CHECKOUT_OFFER.ID, id)
                .set(CHECKOUT_OFFER.VERSION, 1)
                .set(CHECKOUT_OFFER.DEFINITION, json.writeValueAsString(saved))
                .set(CHECKOUT_OFFER.CREATED_AT, now)
                .set(CHECKOUT_OFFER.UPDATED_AT, now)
                .set(CHECKOUT_OFFER.UPDATED_BY, by)
                .execute();
        catalog.changed();
        return saved;
    }

    /**
     * @param basedOn the version the change was made from, if the caller wants to be told of another change meanwhile
     * @throws ProblemException.NotFound when there is no such offer
     * @throws ProblemException.Conflict {@code stale_offer} when it changed since {@code basedOn}, or concurrently
     */
    public Offer update(UUID id, Offer offer, Integer basedOn, Instant now, String by) {
        int current = db.select(CHECKOUT_OFFER.VERSION).from(CHECKOUT_OFFER).where(CHECKOUT_OFFER.ID.eq(id))
                .and(CHECKOUT_OFFER.DELETED_AT.isNull()).forUpdate()
                .fetchOptional(CHECKOUT_OFFER.VERSION)
                .orElseThrow(() -> new ProblemException.NotFound("problem.checkout.offerNotFound", id));
        if (basedOn != null && basedOn != current) {
            throw ProblemException.Conflict.coded("stale_offer", "problem.checkout.staleOffer", basedOn, current);
        }
        Offer saved = offer.saved(id, current + 1, now, by);
        db.update(CHECKOUT_OFFER)
                .set(CHECKOUT_OFFER.VERSION, current + 1)
                .set(CHECKOUT_OFFER.DEFINITION, json.writeValueAsString(saved))
                .set(CHECKOUT_OFFER.UPDATED_AT, now)
                .set(CHECKOUT_OFFER.UPDATED_BY, by)
                .where(CHECKOUT_OFFER.ID.eq(id))
                .execute();
        catalog.changed();
        return saved;
    }

    /** @return whether it was there to delete */
    public boolean delete(UUID id, Instant now, String by) {
        int deleted = db.update(CHECKOUT_OFFER)
                .set(CHECKOUT_OFFER.DELETED_AT, now)
                .set(CHECKOUT_OFFER.UPDATED_AT, now)
                .set(CHECKOUT_OFFER.UPDATED_BY, by)
                .where(CHECKOUT_OFFER.ID.eq(id)).and(CHECKOUT_OFFER.DELETED_AT.isNull())
                .execute();
        catalog.changed();
        return deleted == 1;
    }
}
