package org.entente.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.entente.platform.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks the {@link org.entente.platform.RequiresScope} of every {@code /api/**} handler against the calling key. A handler without the
 * annotation is refused to everybody: access is denied unless allowed.
 */
final class ScopeInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ScopeInterceptor.class);

    /** Annotations do not change at run time: read them once per handler, not on every API call. */
    private final Map<Method, Set<Scope>> declared = new ConcurrentHashMap<>();
    private final Set<Method> reported = ConcurrentHashMap.newKeySet();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof ResourceHttpRequestHandler) {
            // No controller matched: the resource handler answers 404 and serves nothing under /api.
            return true;
        }
        if (!(handler instanceof HandlerMethod method)) {
            // Any other kind of handler (OPTIONS answers, functional routes) has no declared scope: refused.
            throw new AccessDeniedException("no scope declared for this endpoint");
        }
        Set<Scope> required = declared.computeIfAbsent(method.getMethod(), m -> DeclaredScopes.of(method));
        if (required.isEmpty()) {
            // A controller without a scope is a programming error worth one loud line; Spring's own handlers
            // (the OPTIONS answer) are simply refused.
            if (AnnotatedElementUtils.hasAnnotation(method.getBeanType(), Controller.class)
                    && reported.add(method.getMethod())) {
                log.error("{} declares no @RequiresScope and is refused to every key", method.getShortLogMessage());
            }
            throw new AccessDeniedException("no scope declared for this endpoint");
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiKeyAuthentication key && required.stream().anyMatch(key::has)) {
            return true;
        }
        throw new ScopeDeniedException(required.stream().map(Scope::code).collect(Collectors.joining(" or ")));
    }
}
