package org.entente.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Customers signed in to their portal ({@code /me}): a session that knows only the person it belongs to, with the
 * single authority {@value #AUTHORITY}. Staff pages refuse it; the portal accepts nothing else.
 */
@Component
public class CustomerSessions {

    /** The authority of a signed-in customer. */
    public static final String AUTHORITY = "ROLE_CUSTOMER";
    private static final String PREFIX = "customer:";

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    /**
     * Signs the browser in as this person: a new session id (whatever session it had is not reused), holding only
     * the person's id.
     */
    public void signIn(UUID personId, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        Authentication customer = UsernamePasswordAuthenticationToken.authenticated(PREFIX + personId, null,
                List.of(new SimpleGrantedAuthority(AUTHORITY)));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(customer);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** The person the current request is signed in as, if it is a customer's. */
    public static Optional<UUID> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication.getAuthorities().stream().noneMatch(a -> AUTHORITY.equals(a.getAuthority()))
                || !authentication.getName().startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(authentication.getName().substring(PREFIX.length())));
    }
}
