package org.entente.checkout;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.checkout.internal.OfferStore;
import org.entente.checkout.internal.OfferValidator;
import org.entente.platform.Actor;
import org.entente.platform.AuditLog;
import org.entente.platform.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The offer catalog. Every change is validated as a whole, audited, and in force for the next quote (on this node
 * as soon as it is committed, on others within seconds).
 */
@Service
public class OfferCatalog {

    /** The most offers in force at once: each quote looks at all of them. */
    public static final int MAX_OFFERS = 500;

    private final OfferStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    OfferCatalog(OfferStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every offer (deleted ones excepted), oldest first. */
    @Transactional(readOnly = true)
    public List<Offer> list() {
        return store.list();
    }

    @Transactional(readOnly = true)
    public Optional<Offer> find(UUID id) {
        return store.find(id);
    }

    /**
     * @throws ProblemException.BadRequest with every fault, field by field
     * @throws ProblemException.Conflict   {@code too_many_offers} beyond {@link #MAX_OFFERS}
     */
    @Transactional
    public Offer create(Offer offer) {
        validate(offer);
        if (store.list().size() >= MAX_OFFERS) {
            throw ProblemException.Conflict.coded("too_many_offers", "problem.checkout.tooManyOffers", MAX_OFFERS);
        }
        Actor actor = Actor.current();
        Offer saved = store.create(offer, ids.generate(), clock.instant(), actor.name());
        audit.record(actor, "checkout.offer_created", saved.id().toString(), details(saved));
        return saved;
    }

    /**
     * Replaces an offer's definition (its kind may change too).
     *
     * @param basedOn the version edited, to be refused if somebody changed the offer meanwhile
     * @throws ProblemException.NotFound   when there is no such offer
     * @throws ProblemException.Conflict   {@code stale_offer}
     * @throws ProblemException.BadRequest with every fault
     */
    @Transactional
    public Offer update(UUID id, Offer offer, Optional<Integer> basedOn) {
        validate(offer);
        Actor actor = Actor.current();
        Offer saved = store.update(id, offer, basedOn.orElse(null), clock.instant(), actor.name());
        audit.record(actor, "checkout.offer_updated", id.toString(), details(saved));
        return saved;
    }

    /**
     * Withdraws an offer: no quote gets it any more; the orders it rewarded keep their rewards until returned.
     *
     * @throws ProblemException.NotFound when there is no such offer
     */
    @Transactional
    public void delete(UUID id) {
        Actor actor = Actor.current();
        if (!store.delete(id, clock.instant(), actor.name())) {
            throw new ProblemException.NotFound("problem.checkout.offerNotFound", id);
        }
        audit.record(actor, "checkout.offer_deleted", id.toString(), Map.of());
    }

    private static void validate(Offer offer) {
        List<ProblemException.FieldError> errors = OfferValidator.validate(offer);
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
    }

    private static Map<String, Object> details(Offer offer) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", offer.kind());
        details.put("version", offer.version());
        details.put("label", offer.label().get("en"));
        return details;
    }
}
