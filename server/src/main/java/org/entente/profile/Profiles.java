package org.entente.profile;

import org.entente.platform.Actor;
import org.entente.platform.AuditLog;
import org.entente.platform.CursorPage;
import org.entente.platform.ProblemException;
import org.entente.profile.internal.Annotations;
import org.entente.profile.internal.Eraser;
import org.entente.profile.internal.ProfileCounts;
import org.entente.profile.internal.EventRecorder;
import org.entente.profile.internal.ProfileReader;
import org.entente.profile.internal.Unmerger;
import org.jooq.Field;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The profile module's entry point: record events, read profiles, undo merges.
 * <p>
 * A merged-away person id answers with its survivor everywhere. Reads see everything committed: a profile is up to
 * date as soon as the transaction that recorded an event has committed.
 */
@Service
public class Profiles {

    private final EventRecorder recording;
    private final ProfileReader reader;
    private final Unmerger unmerger;
    private final IdentifierNormaliser normaliser;
    private final Annotations annotations;
    private final Eraser eraser;
    private final ProfileCounts counts;
    private final AuditLog audit;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    Profiles(EventRecorder recording, ProfileReader reader, Unmerger unmerger, IdentifierNormaliser normaliser,
             Annotations annotations, Eraser eraser, ProfileCounts counts, AuditLog audit,
             ApplicationEventPublisher publisher, Clock clock) {
        this.eraser = eraser;
        this.counts = counts;
        this.recording = recording;
        this.reader = reader;
        this.unmerger = unmerger;
        this.normaliser = normaliser;
        this.annotations = annotations;
        this.audit = audit;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Records validated events in the caller's transaction (required): resolves identities, merges, projects the
     * events onto the profiles. Idempotent per event id: an id already stored (or repeated in the list) is answered
     * {@link RecordedEvent.Outcome#DUPLICATE} and changes nothing. Answers one outcome per event, in order.
     * <p>
     * Two concurrent calls about the same new identifier or event id make one of them fail with a
     * {@link org.springframework.dao.DataIntegrityViolationException} or a
     * {@link org.springframework.dao.ConcurrencyFailureException}; the caller retries its transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<RecordedEvent> record(List<IncomingEvent> events) {
        return recording.record(events);
    }

    @Transactional(readOnly = true)
    public Optional<ProfileView> find(UUID personId) {
        return reader.survivorOf(personId).flatMap(reader::view);
    }

    @Transactional(readOnly = true)
    public Optional<ProfileView> find(Identifier identifier) {
        return reader.survivorOf(identifier).flatMap(reader::view);
    }

    /** The id of the person an identifier belongs to (its survivor), if it is known. One query, no transaction. */
    public Optional<UUID> resolve(Identifier identifier) {
        return reader.survivorOf(identifier);
    }

    /**
     * Recognition inside another module's query: the id of the person (the survivor) the first known of these
     * identifiers belongs to, as a scalar subquery, null when none is known. A till's quote reads who the customer is
     * and what it needs of them in one database round trip.
     *
     * @param inOrder at least one identifier, the surest first
     */
    public Field<UUID> recognition(List<Identifier> inOrder) {
        if (inOrder.isEmpty()) {
            throw new IllegalArgumentException("recognition needs at least one identifier");
        }
        return reader.firstKnown(inOrder);
    }

    /**
     * The id of the profile a person id answers with (itself, or the person it was merged into), if it is known. One
     * query, no transaction.
     */
    public Optional<UUID> resolve(UUID personId) {
        return reader.survivorOf(personId);
    }

    /**
     * Puts a note on a person's timeline, in the caller's transaction (required). Idempotent on the note's id. The
     * person is not locked and no statistic changes.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void note(UUID personId, TimelineNote note) {
        annotations.note(personId, note);
    }

    /**
     * Gives a person an identifier another module issued (a loyalty card number), in the caller's transaction
     * (required). Idempotent.
     *
     * @param reason what issued it, kept as the identifier's origin (at most 128 characters)
     * @return whether the identifier belongs to the person now: false when somebody else holds it or when the
     * person already has as many of its type as allowed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean attach(UUID personId, Identifier identifier, String reason) {
        return annotations.attach(personId, identifier, reason);
    }

    /**
     * The person's events, merged ones included, newest first by {@code occurredAt}.
     *
     * @param channels only these channels (all when empty)
     * @param types    only these event types (all when empty)
     * @throws ProblemException.NotFound when the person is unknown
     */
    @Transactional(readOnly = true)
    public CursorPage<TimelineEntry> timeline(UUID personId, Set<Channel> channels, Set<String> types,
                                              String cursor, int limit) {
        UUID root = reader.survivorOf(personId)
                .orElseThrow(() -> new ProblemException.NotFound("problem.profile.notFound", personId));
        return reader.timeline(root, channels, types, cursor, limit);
    }

    /** Persons whose name, email, phone, card or customer id starts with {@code typed}. */
    @Transactional(readOnly = true)
    public List<ProfileSummary> search(String typed, int limit) {
        return reader.search(typed, normaliser.phonePrefixes(typed), limit);
    }

    /**
     * Restores a person merged into another, with its own identifiers, events and the persons merged into it.
     * Audited; publishes {@link PersonUnmerged}.
     *
     * @return the restored person
     * @throws ProblemException.NotFound when the person is unknown
     * @throws ProblemException.Conflict when the person is not merged into another
     */
    @Transactional
    public ProfileView unmerge(UUID personId) {
        Actor actor = Actor.current();
        UUID from = unmerger.unmerge(personId, actor);
        audit.record(actor, "profile.unmerged", personId.toString(), Map.of("from", from.toString()));
        publisher.publishEvent(new PersonUnmerged(personId, from, clock.instant()));
        return reader.view(personId).orElseThrow();
    }

    /** The profile id each of these person ids answers with ({@link #resolve(UUID)}), for those known. One query. */
    public Map<UUID, UUID> resolveAll(java.util.Collection<UUID> personIds) {
        return personIds.isEmpty() ? Map.of() : reader.survivorsOf(personIds);
    }

    /** The profile holding each of these identifiers ({@link #resolve(Identifier)}), for those known. One query. */
    public Map<Identifier, UUID> resolveIdentifiers(java.util.Collection<Identifier> identifiers) {
        if (identifiers.isEmpty()) {
            return Map.of();
        }
        Map<String, UUID> byKey = reader.survivorsOfKeys(identifiers.stream().map(Identifier::key).distinct().toList());
        Map<Identifier, UUID> resolved = new java.util.HashMap<>();
        identifiers.forEach(identifier -> {
            UUID root = byKey.get(identifier.key());
            if (root != null) {
                resolved.put(identifier, root);
            }
        });
        return resolved;
    }

    /** The identifiers of each of these profiles, merged persons' included ({@link #identifiers}). One query. */
    public Map<UUID, List<Identifier>> identifiersOf(java.util.Collection<UUID> profileIds) {
        return profileIds.isEmpty() ? Map.of() : reader.identifiersOf(profileIds);
    }

    /** The identifiers of a person (merged persons' included); empty for an unknown id. One query. */
    public List<Identifier> identifiers(UUID personId) {
        return reader.identifiers(personId);
    }

    /**
     * Erases a person's personal data (the right to erasure), in the caller's transaction (required): identifiers
     * deleted, traits emptied, events kept for the statistics but without identifiers and properties. Publishes
     * {@link PersonErased}, so that other modules remove what they keep. Not reversible.
     *
     * @return what identified the person, now deleted
     * @throws ProblemException.NotFound when the person is unknown
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public PersonErased erase(UUID personId) {
        UUID root = reader.survivorOf(personId)
                .orElseThrow(() -> new ProblemException.NotFound("problem.profile.notFound", personId));
        Eraser.Erased erased = eraser.erase(root);
        PersonErased event = new PersonErased(root, erased.members(), erased.identifiers(), clock.instant());
        publisher.publishEvent(event);
        return event;
    }

    /** Merges and identifiers refused by the per-type limits, newest first. */
    @Transactional(readOnly = true)
    public CursorPage<IdentityConflict> conflicts(String cursor, int limit) {
        return reader.conflicts(cursor, limit);
    }

    /**
     * How many events occurred per day and channel, days counted in UTC, from {@code from} to {@code to} included; a
     * day or channel without events is left out. Events of merged and erased persons count. One aggregate query on
     * the index of {@code occurredAt}.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    @Transactional(readOnly = true)
    public List<DailyEvents> eventsPerDay(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
        return counts.eventsPerDay(from, to);
    }

    /**
     * How many persons were first seen in {@code [from, to)}, by the lifecycle stage they stand at now: every stage,
     * in order, with 0 when none. A person merged into another counts no more (the survivor counts if it is new
     * itself). One aggregate query on the index of the creation time.
     */
    @Transactional(readOnly = true)
    public List<LifecycleCount> newPersons(Instant from, Instant to) {
        return counts.newPersons(from, to);
    }
}
