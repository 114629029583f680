package org.entente.platform;

import java.util.Objects;

/**
 * Who did something: a staff user, an API key, a customer, the system itself, or somebody not authenticated.
 *
 * @param type what kind of actor
 * @param name the username, key name and id, or {@code system}; never null
 */
public record Actor(Type type, String name) {

    /** The kinds of actor. */
    public enum Type { STAFF, API_KEY, CUSTOMER, SYSTEM, ANONYMOUS }

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Who is acting in the current thread: the API key or staff user of the current request, the system outside a
     * request, anonymous in an unauthenticated request.
     */
    public static Actor current() {
        return org.entente.platform.security.CurrentActor.get();
    }

    /** The system acting on its own (bootstrap, schedules). */
    public static Actor system() {
        return new Actor(Type.SYSTEM, "system");
    }
}
