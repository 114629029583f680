package org.entente.platform.staff;

import org.entente.platform.StaffRole;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** A staff user as admins see it; never carries the password hash. */
public record StaffUserView(UUID id, String username, String displayName, Set<StaffRole> roles, boolean enabled,
                            Instant createdAt, Instant updatedAt) {

    public StaffUserView {
        roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(StaffRole.class) : EnumSet.copyOf(roles));
    }
}
