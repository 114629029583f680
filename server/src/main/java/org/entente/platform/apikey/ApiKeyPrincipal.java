package org.entente.platform.apikey;

import org.entente.platform.Scope;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key as seen by authentication: what it may do and until when. Holds no secret.
 *
 * @param expiresAt null when the key does not expire
 * @param revokedAt null while the key is valid
 */
public record ApiKeyPrincipal(UUID id, String name, Set<Scope> scopes, Instant expiresAt, Instant revokedAt) {

    public ApiKeyPrincipal {
        scopes = Scope.orderedSet(scopes);
    }

    /** True when the key may be used at {@code now}. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** How the key appears as an actor in the audit log. */
    public String actorName() {
        return name + " (" + id + ")";
    }
}
