package org.entente.profile.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.profile.EventFacts;
import org.entente.profile.EventRecorded;
import org.entente.profile.Identifier;
import org.entente.profile.IdentifierType;
import org.entente.profile.IncomingEvent;
import org.entente.profile.PersonsMerged;
import org.entente.profile.RecordedEvent;
import org.entente.profile.internal.PersonWrites.Conflict;
import org.entente.profile.internal.PersonWrites.EventRow;
import org.entente.profile.internal.PersonWrites.Merge;
import org.entente.profile.internal.PersonWrites.NewIdentifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Records a batch of events: resolves who each event is about, merges persons that turn out to be one, and
 * projects the events onto the persons' rows, all in the caller's transaction.
 * <p>
 * The persons a batch touches and the roots of their groups are locked first (in id order), then the batch is
 * resolved in memory event by event, then written with one batched statement per table. A concurrent batch that creates the same new
 * identifier or event fails on the primary key and is retried by the caller, then sees what the first one wrote.
 * <p>
 * Once written, the batch's domain events ({@link PersonsMerged}, {@link EventRecorded}) are published in the order
 * they happened, still inside the transaction: a listener that writes commits or fails with the events.
 */
@Component
public class EventRecorder {

    /** Locking chases merges made by other transactions meanwhile; this many rounds means something is wrong. */
    private static final int MAX_LOCK_ROUNDS = 8;

    private final PersonWrites writes;
    private final IdentityProperties identity;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    EventRecorder(PersonWrites writes, IdentityProperties identity, JsonMapper json, Clock clock,
                  ApplicationEventPublisher publisher) {
        this.writes = writes;
        this.identity = identity;
        this.json = json;
        this.clock = clock;
        this.publisher = publisher;
    }

    public List<RecordedEvent> record(List<IncomingEvent> events) {
        writes.planForTheseKeys();
        Set<String> stored = writes.existingEventIds(events.stream().map(IncomingEvent::id).toList());
        List<IncomingEvent> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (IncomingEvent event : events) {
            if (!stored.contains(event.id()) && seen.add(event.id())) {
                fresh.add(event);
            }
        }
        Batch batch = new Batch(clock.instant());
        batch.load(fresh);
        Map<String, UUID> recordedFor = new HashMap<>();
        for (IncomingEvent event : fresh) {
            recordedFor.put(event.id(), batch.apply(event));
        }
        batch.write();
        batch.domainEvents.forEach(publisher::publishEvent);

        List<RecordedEvent> outcomes = new ArrayList<>(events.size());
        Set<String> answered = new HashSet<>();
        for (IncomingEvent event : events) {
            UUID person = recordedFor.get(event.id());
            if (person != null && answered.add(event.id())) {
                outcomes.add(new RecordedEvent(event.id(), RecordedEvent.Outcome.ACCEPTED, Optional.of(person)));
            } else {
                outcomes.add(new RecordedEvent(event.id(), RecordedEvent.Outcome.DUPLICATE, Optional.empty()));
            }
        }
        return outcomes;
    }

    /** The state of one batch: who owns each identifier, the persons touched, and what to write. */
    private final class Batch {

        private final Instant now;
        private final Map<Identifier, UUID> owners = new HashMap<>();
        private final Map<UUID, PersonState> persons = new HashMap<>();
        private final Map<UUID, EnumMap<IdentifierType, Integer>> counts = new HashMap<>();
        private final Set<String> separations = new HashSet<>();
        private final List<PersonState> created = new ArrayList<>();
        private final List<NewIdentifier> newIdentifiers = new ArrayList<>();
        private final List<Merge> merges = new ArrayList<>();
        private final List<Conflict> conflicts = new ArrayList<>();
        private final List<EventRow> rows = new ArrayList<>();
        private final List<Object> domainEvents = new ArrayList<>();

        Batch(Instant now) {
            this.now = now;
        }

        /**
         * Reads who owns the batch's identifiers and the roots of their groups, then locks all of them in one
         * statement, in id order. A locked row shows its group as it is now: if a merge or an unmerge moved it
         * since it was read, the new root is locked in turn.
         */
        void load(List<IncomingEvent> events) {
            Set<Identifier> wanted = new LinkedHashSet<>();
            events.forEach(event -> wanted.addAll(event.identifiers()));
            Set<UUID> toLock = new HashSet<>();
            writes.owners(wanted).forEach((identifier, owner) -> {
                owners.put(identifier, owner.personId());
                toLock.add(owner.personId());
                toLock.add(owner.survivorId());
            });
            for (int round = 0; !toLock.isEmpty(); round++) {
                if (round == MAX_LOCK_ROUNDS) {
                    throw new CannotAcquireLockException("persons kept being merged while this batch waited");
                }
                for (PersonState person : writes.lock(toLock)) {
                    persons.put(person.id, person);
                }
                toLock.clear();
                for (PersonState person : persons.values()) {
                    if (!persons.containsKey(person.survivorId)) {
                        toLock.add(person.survivorId);
                    }
                }
            }
            Set<UUID> roots = new HashSet<>();
            persons.values().forEach(person -> roots.add(person.survivorId));
            boolean needsCounts = events.stream().anyMatch(event -> event.identifiers().stream()
                    .anyMatch(identifier -> !owners.containsKey(identifier))
                    || event.identifiers().stream().map(owners::get).distinct().count() > 1);
            if (needsCounts) {
                counts.putAll(writes.identifierCounts(roots));
                separations.addAll(writes.separations(roots));
            }
        }

        /** Resolves one event and projects it; answers the person it is recorded for. */
        UUID apply(IncomingEvent event) {
            Map<UUID, Identifier> rootsSeen = new LinkedHashMap<>();
            Set<UUID> eventOwners = new LinkedHashSet<>();
            List<Identifier> unknown = new ArrayList<>();
            for (Identifier identifier : event.identifiers()) {
                UUID owner = owners.get(identifier);
                if (owner == null) {
                    unknown.add(identifier);
                } else {
                    eventOwners.add(owner);
                    rootsSeen.putIfAbsent(root(owner).id, identifier);
                }
            }
            PersonState target;
            if (rootsSeen.isEmpty()) {
                target = PersonState.created(ids.generate(), now);
                persons.put(target.id, target);
                created.add(target);
            } else {
                List<PersonState> roots = rootsSeen.keySet().stream().map(persons::get)
                        .sorted(PersonState::byAge).toList();
                target = roots.getFirst();
                for (PersonState other : roots.subList(1, roots.size())) {
                    mergeOrRecordConflict(target, other, rootsSeen.get(other.id), event);
                }
            }
            // The event belongs to the person its identifiers name, if they name one person of this group; a later
            // unmerge gives it back with them, and with the identifiers it brought.
            PersonState owner = target;
            if (eventOwners.size() == 1) {
                PersonState only = persons.get(eventOwners.iterator().next());
                if (only.survivorId.equals(target.id)) {
                    owner = only;
                }
            }
            for (Identifier identifier : unknown) {
                EnumMap<IdentifierType, Integer> count = countsOf(target.id);
                if (used(count, identifier.type()) < identity.limit(identifier.type())) {
                    count.merge(identifier.type(), 1, Integer::sum);
                    owners.put(identifier, owner.id);
                    newIdentifiers.add(new NewIdentifier(identifier, owner.id, now, event.id()));
                } else {
                    conflicts.add(new Conflict(ids.generate(), target.id, null, identifier, "limit_exceeded",
                            event.id(), now));
                }
            }
            project(owner, event);
            rows.add(new EventRow(event.id(), owner.id, event.type(), event.channel().code(), event.occurredAt(),
                    now, identifiersJson(event.identifiers()), event.propertiesJson()));
            domainEvents.add(new EventRecorded(target.id, event.id(), event.type(), event.occurredAt(),
                    event.channel(), event.facts()));
            return target.id;
        }

        private void mergeOrRecordConflict(PersonState survivor, PersonState other, Identifier shared,
                                           IncomingEvent event) {
            if (separations.contains(survivor.id + " " + other.id)) {
                conflicts.add(new Conflict(ids.generate(), survivor.id, other.id, shared, "kept_apart", event.id(),
                        now));
                return;
            }
            EnumMap<IdentifierType, Integer> mine = countsOf(survivor.id);
            EnumMap<IdentifierType, Integer> theirs = countsOf(other.id);
            for (IdentifierType type : IdentifierType.values()) {
                if (used(mine, type) + used(theirs, type) > identity.limit(type)) {
                    conflicts.add(new Conflict(ids.generate(), survivor.id, other.id, shared, "limit_exceeded",
                            event.id(), now));
                    return;
                }
            }
            theirs.forEach((type, n) -> mine.merge(type, n, Integer::sum));
            counts.remove(other.id);
            for (PersonState person : persons.values()) {
                if (person.survivorId.equals(other.id)) {
                    person.survivorId = survivor.id;
                }
            }
            merges.add(new Merge(ids.generate(), survivor.id, other.id, shared, event.id(), now));
            domainEvents.add(new PersonsMerged(survivor.id, other.id, event.id(), now));
        }

        /** How many identifiers of a type count against its limit: device and anonymous ids share theirs. */
        private static int used(EnumMap<IdentifierType, Integer> count, IdentifierType type) {
            return switch (type) {
                case ANONYMOUS_ID, DEVICE_ID -> count.getOrDefault(IdentifierType.ANONYMOUS_ID, 0)
                        + count.getOrDefault(IdentifierType.DEVICE_ID, 0);
                default -> count.getOrDefault(type, 0);
            };
        }

        private PersonState root(UUID personId) {
            return persons.get(persons.get(personId).survivorId);
        }

        private EnumMap<IdentifierType, Integer> countsOf(UUID root) {
            return counts.computeIfAbsent(root, r -> new EnumMap<>(IdentifierType.class));
        }

        private void project(PersonState person, IncomingEvent event) {
            Instant at = event.occurredAt();
            String channel = event.channel().code();
            person.changed = true;
            person.eventsCount++;
            person.firstSeenAt = PersonState.min(person.firstSeenAt, at);
            person.lastSeenAt = PersonState.max(person.lastSeenAt, at);
            person.stats.interaction(channel, at);
            if (person.firstTouchAt == null || at.isBefore(person.firstTouchAt)) {
                person.firstTouchAt = at;
                person.firstTouchChannel = channel;
                person.firstTouchSource = event.source().orElse(null);
                person.firstTouchCampaign = event.campaign().orElse(null);
            }
            switch (event.facts()) {
                case EventFacts.Purchase purchase -> {
                    person.stats.purchase(purchase.total().currency().getCurrencyCode(), purchase.total().amount());
                    if (person.firstPurchaseAt == null || at.isBefore(person.firstPurchaseAt)) {
                        person.firstPurchaseAt = at;
                        person.firstPurchaseChannel = channel;
                        person.firstPurchaseStore = purchase.store().orElse(null);
                    }
                    person.lastPurchaseAt = PersonState.max(person.lastPurchaseAt, at);
                }
                case EventFacts.Return returned -> person.stats.returned(
                        returned.amount().currency().getCurrencyCode(), returned.amount().amount());
                case EventFacts.Identify traits -> identify(person, traits, at);
                case EventFacts.Interaction interaction -> {
                }
                case EventFacts.Wishlist wish -> {
                }
                case EventFacts.Unsubscribe unsubscribe -> {
                }
                case EventFacts.Complaint complaint -> {
                }
            }
        }

        /**
         * The traits told last win; traits told earlier but arriving late (an offline till, an old extract) only
         * fill what is still unknown.
         */
        private void identify(PersonState person, EventFacts.Identify traits, Instant at) {
            boolean latest = person.traitsAt == null || !at.isBefore(person.traitsAt);
            if (latest) {
                person.traitsAt = at;
            }
            person.firstName = pick(latest, person.firstName, traits.firstName());
            person.lastName = pick(latest, person.lastName, traits.lastName());
            person.locale = pick(latest, person.locale, traits.locale());
            person.timeZone = pick(latest, person.timeZone, traits.timeZone());
            person.birthDate = pick(latest, person.birthDate, traits.birthDate());
            person.address = pick(latest, person.address, traits.addressJson());
            if (!traits.custom().isEmpty()) {
                Map<String, Object> attributes = person.attributes == null ? new TreeMap<>()
                        : new TreeMap<>(json.readValue(person.attributes, Map.class));
                traits.custom().forEach((key, value) -> {
                    if (latest || !attributes.containsKey(key)) {
                        attributes.put(key, value);
                    }
                });
                person.attributes = json.writeValueAsString(attributes);
            }
        }

        private static <T> T pick(boolean latest, T known, Optional<T> told) {
            return told.isPresent() && (latest || known == null) ? told.get() : known;
        }

        private String identifiersJson(List<Identifier> identifiers) {
            Map<String, String> byType = new LinkedHashMap<>();
            identifiers.forEach(identifier -> byType.putIfAbsent(identifier.type().code(), identifier.value()));
            return json.writeValueAsString(byType);
        }

        void write() {
            writes.insertPersons(created);
            writes.insertIdentifiers(newIdentifiers);
            writes.merge(merges);
            writes.insertConflicts(conflicts);
            writes.insertEvents(rows);
            Collection<PersonState> changed = persons.values().stream()
                    .filter(person -> person.changed && !person.created).toList();
            writes.updatePersons(changed, now);
        }
    }
}
