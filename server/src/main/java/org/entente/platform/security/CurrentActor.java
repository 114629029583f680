package org.entente.platform.security;

import org.entente.platform.Actor;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;

/** Who is acting in the current thread, from the security context. */
public final class CurrentActor {

    private CurrentActor() {
    }

    /** The authenticated staff user, API key or customer (as {@code customer:<person id>}); the system outside a request; anonymous in an unauthenticated one. */
    public static Actor get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiKeyAuthentication key) {
            return new Actor(Actor.Type.API_KEY, key.getPrincipal().actorName());
        }
        if (org.entente.platform.CustomerSessions.current().isPresent()) {
            return new Actor(Actor.Type.CUSTOMER, authentication.getName());
        }
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return new Actor(Actor.Type.STAFF, authentication.getName());
        }
        return RequestContextHolder.getRequestAttributes() == null ? Actor.system()
                : new Actor(Actor.Type.ANONYMOUS, "anonymous");
    }
}
