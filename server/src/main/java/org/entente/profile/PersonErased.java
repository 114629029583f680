package org.entente.profile;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Domain event: a person's personal data was erased from the profile (right to erasure). Published inside the erasing
 * transaction: every module that keeps personal data of its own removes it in the same transaction.
 *
 * @param personId    the profile (the root of its group)
 * @param members     the person records of the group, the root included
 * @param identifiers what identified them, now deleted: modules look for these values in what they keep
 */
public record PersonErased(UUID personId, List<UUID> members, List<Identifier> identifiers, Instant at) {

    public PersonErased {
        Objects.requireNonNull(personId, "personId");
        members = List.copyOf(members);
        identifiers = List.copyOf(identifiers);
        Objects.requireNonNull(at, "at");
    }
}
