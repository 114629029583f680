package org.entente.platform;

import java.util.Map;

/**
 * The append-only log of security-relevant and sensitive actions (keys created or revoked, logins, role changes,
 * staff adjustments...). Recording joins the caller's transaction, so an action and its audit entry are committed
 * together or not at all.
 */
public interface AuditLog {

    /**
     * Records an action by whoever is acting in the current request (a staff user, an API key) or by the system
     * when there is no request.
     *
     * @param action  a stable dotted code, e.g. {@code api_key.created}
     * @param target  what the action was done to (an id, a username); may be null
     * @param details small, non-secret facts serialised as JSON; never passwords or key secrets; may be empty
     */
    void record(String action, String target, Map<String, ?> details);

    /** Records an action by an explicitly named actor (e.g. a failed login, where nobody is authenticated). */
    void record(Actor actor, String action, String target, Map<String, ?> details);
}
