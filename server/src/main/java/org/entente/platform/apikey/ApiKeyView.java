package org.entente.platform.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.entente.platform.Scope;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key as listed to admins. Never carries the secret.
 *
 * @param prefix    the first characters of the secret, to recognise it
 * @param expiresAt null when the key does not expire
 * @param revokedAt null while the key is not revoked
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiKeyView(UUID id, String name, String prefix, Set<Scope> scopes, Instant createdAt, String createdBy,
                         Instant expiresAt, Instant revokedAt, String revokedBy) {

    public ApiKeyView {
        scopes = Scope.orderedSet(scopes);
    }

    ApiKeyView withScopes(Set<Scope> newScopes) {
        return new ApiKeyView(id, name, prefix, newScopes, createdAt, createdBy, expiresAt, revokedAt, revokedBy);
    }

    ApiKeyPrincipal principal() {
        return new ApiKeyPrincipal(id, name, scopes, expiresAt, revokedAt);
    }
}
