package org.entente.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which API key scopes may call an {@code /api/**} handler: the key must hold at least one of them.
 * Put it on a controller class or on a handler method (the method wins).
 * <p>
 * Access is denied unless allowed: an {@code /api/**} handler that declares no scope answers 403 to every key, so a
 * forgotten annotation fails closed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {

    /** The scopes that grant access; holding any one of them is enough. Must not be empty. */
    Scope[] value();
}
