package org.entente.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.entente.platform.RequiresScope;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks the {@link RequiresScope} of every {@code /api/**} handler against the calling key. A handler without the
 * annotation is refused to everybody: access is denied unless allowed.
 */
final class ScopeInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ScopeInterceptor.class);

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
        RequiresScope required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresScope.class);
        if (required == null) {
            required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresScope.class);
        }
        if (required == null || required.value().length == 0) {
            // A controller without a scope is a programming error worth one loud line; Spring's own handlers
            // (the OPTIONS answer) are simply refused.
            if (AnnotatedElementUtils.hasAnnotation(method.getBeanType(), Controller.class)
                    && reported.add(method.getMethod())) {
                log.error("{} declares no @RequiresScope and is refused to every key", method.getShortLogMessage());
            }
            throw new AccessDeniedException("no scope declared for this endpoint");
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiKeyAuthentication key
                && Arrays.stream(required.value()).anyMatch(key::has)) {
            return true;
        }
        throw new ScopeDeniedException(Arrays.stream(required.value()).map(Scope::code)
                .collect(Collectors.joining(" or ")).toLowerCase(Locale.ROOT));
    }
}
