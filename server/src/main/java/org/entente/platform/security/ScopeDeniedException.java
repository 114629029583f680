package org.entente.platform.security;

import org.springframework.security.access.AccessDeniedException;

/** The calling key lacks the scope an endpoint requires; answered with 403. */
public final class ScopeDeniedException extends AccessDeniedException {

    private final String requiredScopes;

    ScopeDeniedException(String requiredScopes) {
        super("requires scope " + requiredScopes);
        this.requiredScopes = requiredScopes;
    }

    /** The scopes that would have been accepted, for the error message. */
    public String requiredScopes() {
        return requiredScopes;
    }
}
