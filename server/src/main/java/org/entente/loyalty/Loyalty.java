package org.entente.loyalty;

import org.entente.loyalty.internal.CompiledProgram;
import org.entente.loyalty.internal.LedgerReader;
import org.entente.loyalty.internal.Maintenance;
import org.entente.loyalty.internal.PointsOperations;
import org.entente.loyalty.internal.ProgramStore;
import org.entente.loyalty.internal.ProgramValidator;
import org.entente.loyalty.internal.StatusReader;
import org.entente.platform.Actor;
import org.entente.platform.AuditLog;
import org.entente.platform.CursorPage;
import org.entente.platform.ProblemException;
import org.entente.profile.EventFacts;
import org.entente.profile.Profiles;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The loyalty module's entry point. A person is addressed by any id of their profile: a merged-away id answers for
 * the person it was merged into. Every change locks the person's account, so that concurrent tills, imports and
 * nodes never spend the same points twice.
 */
@Service
public class Loyalty {

    private final ProgramStore programs;
    private final StatusReader statuses;
    private final PointsOperations points;
    private final Maintenance maintenance;
    private final LedgerReader ledger;
    private final Profiles profiles;
    private final AuditLog audit;

    Loyalty(ProgramStore programs, StatusReader statuses, PointsOperations points, Maintenance maintenance,
            LedgerReader ledger, Profiles profiles, AuditLog audit) {
        this.programs = programs;
        this.statuses = statuses;
        this.points = points;
        this.maintenance = maintenance;
        this.ledger = ledger;
        this.profiles = profiles;
        this.audit = audit;
    }

    /** The program in force. */
    @Transactional
    public Program program() {
        return programs.current().definition();
    }

    /**
     * Saves a new version of the program, in force at once. Audited.
     *
     * @param basedOn the version the definition was edited from, if the caller wants to be told that somebody saved
     *                another meanwhile
     * @throws ProblemException.BadRequest with every fault, field by field
     * @throws ProblemException.Conflict   {@code stale_program} when another version was saved since
     *                                     {@code basedOn}, or at the same time
     */
    @Transactional
    public Program saveProgram(Program definition, Optional<Integer> basedOn) {
        List<ProblemException.FieldError> errors = ProgramValidator.validate(definition);
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        Actor actor = Actor.current();
        Program saved = programs.save(definition, basedOn.orElse(null), actor.name());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", saved.version());
        details.put("active", saved.active());
        details.put("tiers", saved.tiers().stream().map(Program.Tier::code).toList());
        audit.record(actor, "loyalty.program_saved", "v" + saved.version(), details);
        return saved;
    }

    /**
     * Where the person stands: tier, card, progress, points, lots, benefits, in {@code locale}'s language.
     *
     * @throws ProblemException.NotFound when no profile has this id
     */
    @Transactional(readOnly = true)
    public LoyaltyStatus status(UUID personId, Locale locale) {
        return statuses.status(root(personId), locale);
    }

    /**
     * How many members hold each tier now, and how many hold none: every tier of the program in force (lowest first,
     * named in {@code locale}'s language, 0 when nobody holds it), then tiers of a former version still held. A
     * member is a person loyalty has an account for (a purchase, points, a card). One aggregate query over the
     * accounts, which has no period to narrow it.
     */
    @Transactional(readOnly = true)
    public TierDistribution tierDistribution(Locale locale) {
        return statuses.tierDistribution(locale);
    }

    /**
     * The fields that read a person's tier and points, for another module to read them in the same query as its own
     * state of the person (a till's quote: one database round trip). Read them back with
     * {@link #standing(Record, Locale)}.
     *
     * @param person the id a profile answers with ({@link Profiles#resolve}, {@link Profiles#recognition}): a
     *               merged-away id has no account of its own and reads as no tier and no points
     */
    public List<Field<?>> standingFields(Field<UUID> person) {
        return statuses.standingFields(person);
    }

    /** The tier with its benefits in {@code locale}'s language, and the points, from a row of {@link #standingFields}. */
    public Standing standing(Record row, Locale locale) {
        return statuses.standing(row, locale);
    }

    /**
     * The person's ledger, newest first.
     *
     * @param before the {@code next} cursor of the previous page, or null for the first
     */
    @Transactional(readOnly = true)
    public CursorPage<LedgerEntry> ledger(UUID personId, String before, int limit) {
        return ledger.page(root(personId), before, limit);
    }

    /**
     * Spends points for an order, the lots expiring first first. Idempotent on the order id: the same redemption
     * again answers the first one ({@link PointsChange#replayed()}).
     *
     * @throws ProblemException.Conflict {@code insufficient_points} when fewer points are available (held points do
     *                                   not count), {@code source_reused} when the order already redeemed another
     *                                   number of points
     */
    @Transactional
    public PointsChange redeem(UUID personId, long points, String orderId) {
        requirePositive(points);
        return this.points.redeem(root(personId), points, orderId);
    }

    /**
     * A staff adjustment: positive points make a new lot, negative ones are taken from the lots expiring first.
     * Audited with its reason. Idempotent on {@code reference}.
     *
     * @throws ProblemException.Conflict {@code insufficient_points} when a negative adjustment asks for more than is
     *                                   available, {@code source_reused} when the reference was used for another
     *                                   adjustment
     */
    @Transactional
    public PointsChange adjust(UUID personId, long points, String reason, String reference) {
        if (points == 0) {
            throw new IllegalArgumentException("an adjustment moves points");
        }
        UUID root = root(personId);
        PointsChange change = this.points.adjust(root, points, reason, reference);
        if (!change.replayed()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("points", points);
            details.put("reason", reason);
            details.put("reference", reference);
            details.put("entry", change.entry().id().toString());
            audit.record("loyalty.points_adjusted", root.toString(), details);
        }
        return change;
    }

    /**
     * Gives back points that paid for goods since returned, as a new lot. Idempotent on {@code reference}.
     *
     * @param reason why, in words, kept in the ledger
     */
    @Transactional
    public PointsChange refund(UUID personId, long points, String reference, String reason) {
        requirePositive(points);
        return this.points.refund(root(personId), points, reference, reason);
    }

    /** The zone in which the program counts days and months. */
    public java.time.ZoneId zone() {
        return programs.current().zone();
    }

    /**
     * The points a purchase would earn under the program in force, before any daily cap: what a till shows as "to
     * earn". Zero when the program is paused or the purchase is in another currency.
     */
    public long pointsFor(EventFacts.Purchase purchase) {
        CompiledProgram program = programs.current();
        return program.active() ? program.pointsFor(purchase) : 0;
    }

    /**
     * Sets points aside for a basket until {@code ttl} from now. Idempotent on {@code source}.
     *
     * @throws ProblemException.Conflict {@code insufficient_points} beyond what is available
     */
    @Transactional
    public PointsHold hold(UUID personId, long points, String source, Duration ttl) {
        requirePositive(points);
        return this.points.hold(root(personId), points, source, ttl);
    }

    /** Ends a hold without spending it; idempotent. */
    @Transactional
    public PointsHold release(UUID holdId) {
        return points.release(holdId, null);
    }

    /**
     * Spends a hold's points for an order; idempotent.
     *
     * @throws ProblemException.Conflict {@code insufficient_points} when the points expired meanwhile or the hold
     *                                   ran out, {@code hold_ended} when it was released
     */
    @Transactional
    public PointsChange capture(UUID holdId, String orderId) {
        return points.capture(holdId, orderId);
    }

    /**
     * Expires lots, releases holds that ran out and reviews tiers, at the clock's time. Runs on a schedule
     * ({@code entente.loyalty.maintenance-interval}); running it again at once changes nothing.
     */
    public MaintenanceReport runMaintenance() {
        return maintenance.run();
    }

    private UUID root(UUID personId) {
        return profiles.resolve(personId)
                .orElseThrow(() -> new ProblemException.NotFound("problem.profile.notFound", personId));
    }

    private static void requirePositive(long points) {
        if (points <= 0) {
            throw new IllegalArgumentException("points must be positive: " + points);
        }
    }
}
