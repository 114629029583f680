package org.entente.platform;

import java.util.Set;

/** Back-office accounts, for modules that need to provision them (the demo population, imports of staff). */
public interface StaffUsers {

    /**
     * Creates the staff user if no user has this username; does nothing otherwise (an existing user keeps its
     * password and roles). Idempotent, also when several nodes call it at once; audited when it creates.
     *
     * @return true when the user was created
     * @throws ProblemException.BadRequest when the username, roles or password break the rules
     */
    boolean createIfAbsent(String username, String displayName, Set<StaffRole> roles, String password);
}
