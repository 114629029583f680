package org.entente.profile.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One {@code profile_person} row while a batch is recorded: read (locked through its group's root) at the start,
 * changed in memory event by event, written once at the end.
 */
final class PersonState {

    final UUID id;
    final Instant createdAt;
    final boolean created;
    UUID survivorId;
    boolean changed;

    String firstName;
    String lastName;
    String locale;
    String timeZone;
    LocalDate birthDate;
    String address;
    String attributes;
    Instant traitsAt;

    long eventsCount;
    Instant firstSeenAt;
    Instant lastSeenAt;
    Instant firstTouchAt;
    String firstTouchChannel;
    String firstTouchSource;
    String firstTouchCampaign;
    Instant firstPurchaseAt;
    String firstPurchaseChannel;
    String firstPurchaseStore;
    Instant lastPurchaseAt;
    PersonStats stats;

    PersonState(UUID id, UUID survivorId, Instant createdAt, boolean created) {
        this.id = id;
        this.survivorId = survivorId;
        this.createdAt = createdAt;
        this.created = created;
    }

    static PersonState created(UUID id, Instant now) {
        PersonState person = new PersonState(id, id, now, true);
        person.stats = new PersonStats();
        person.changed = true;
        return person;
    }

    boolean isRoot() {
        return survivorId.equals(id);
    }

    /** Older first: the oldest person of a merge survives. */
    static int byAge(PersonState a, PersonState b) {
        int byTime = a.createdAt.compareTo(b.createdAt);
        return byTime != 0 ? byTime : a.id.compareTo(b.id);
    }

    static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
