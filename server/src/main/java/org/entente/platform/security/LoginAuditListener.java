package org.entente.platform.security;

import org.entente.platform.Actor;
import org.entente.platform.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Records staff logins, failed and successful, in the audit log, and feeds the {@link LoginThrottle}. */
@Component
class LoginAuditListener {

    private static final Pattern POSSIBLE_USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final AuditLog audit;
    private final LoginThrottle throttle;

    LoginAuditListener(AuditLog audit, LoginThrottle throttle) {
        this.audit = audit;
        this.throttle = throttle;
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String attempted = loggable(event.getAuthentication().getName());
        if (!(event.getException() instanceof LockedException)) {
            throttle.failed(attempted);
        }
        audit.record(new Actor(Actor.Type.ANONYMOUS, attempted), "staff.login_failed", attempted,
                Map.of("reason", event.getException().getClass().getSimpleName()));
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken login) {
            throttle.succeeded(login.getName());
            audit.record(new Actor(Actor.Type.STAFF, login.getName()), "staff.login_succeeded", login.getName(), Map.of());
        }
    }

    /**
     * A username field can hold anything a visitor types, a password typed in the wrong field included; the
     * append-only log keeps only what could be a username.
     */
    private static String loggable(String value) {
        String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return POSSIBLE_USERNAME.matcher(name).matches() ? name : "(not a username)";
    }
}
