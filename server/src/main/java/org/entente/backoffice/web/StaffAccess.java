package org.entente.backoffice.web;

import org.entente.platform.StaffRole;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.Arrays;

/** Which staff roles may open a back-office page. */
final class StaffAccess {

    private StaffAccess() {
    }

    /** Does the staff member hold one of these roles? */
    static boolean holds(Authentication staff, StaffRole... roles) {
        return staff.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(held -> Arrays.stream(roles).anyMatch(role -> role.authority().equals(held)));
    }

    /** @throws AccessDeniedException (403) unless the staff member holds one of these roles */
    static void require(Authentication staff, StaffRole... roles) {
        if (!holds(staff, roles)) {
            throw new AccessDeniedException("this page is for " + Arrays.toString(roles));
        }
    }
}
