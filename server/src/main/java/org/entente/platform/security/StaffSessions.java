package org.entente.platform.security;

import org.entente.platform.AfterCommit;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/**
 * Ends the web sessions of a staff user whose access changed (disabled, roles changed, password reset), so the
 * change applies at the next click rather than when the session would have expired. Sessions are tracked per node.
 */
@Component
public class StaffSessions {

    private final SessionRegistry registry;

    StaffSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    /** Expires every session of {@code username} once the current transaction commits (at once outside one). */
    public void expireAfterCommit(String username) {
        AfterCommit.run(() -> expire(username));
    }

    private void expire(String username) {
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof UserDetails user && user.getUsername().equals(username)) {
                registry.getAllSessions(principal, false).forEach(session -> session.expireNow());
            }
        }
    }
}
