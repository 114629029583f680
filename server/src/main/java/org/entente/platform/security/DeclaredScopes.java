package org.entente.platform.security;

import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

import java.util.List;
import java.util.Set;

/** Reads the {@link RequiresScope} of an API handler: the method's if it has one, else its controller's. */
public final class DeclaredScopes {

    private DeclaredScopes() {
    }

    /** The scopes that grant access to the handler, in declaration order; empty when it declares none. */
    public static Set<Scope> of(HandlerMethod handler) {
        RequiresScope required = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresScope.class);
        if (required == null) {
            required = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresScope.class);
        }
        return required == null ? Set.of() : Scope.orderedSet(List.of(required.value()));
    }
}
