package org.entente.profile;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Domain event: staff restored {@code personId}, which had been merged into the group rooted at {@code fromId}. */
public record PersonUnmerged(UUID personId, UUID fromId, Instant at) {

    public PersonUnmerged {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(fromId, "fromId");
        Objects.requireNonNull(at, "at");
    }
}
