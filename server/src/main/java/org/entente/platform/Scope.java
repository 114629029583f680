package org.entente.platform;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may do. A key holds one or more scopes; no scope implies another. */
public enum Scope {
    /** Send events (native API, Segment-compatible API, imports). */
    INGEST,
    /** Ask for checkout quotes and confirm them. */
    CHECKOUT,
    /** Ask the contact gate and write preferences and consents. */
    OUTREACH,
    /** Read profiles, programs, catalogs and metrics. */
    READ,
    /** Manage keys, staff, programs, offers and policies. */
    ADMIN;

    /** The lower-case code used on the wire ({@code "ingest"}). */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority a key with this scope holds ({@code "SCOPE_ingest"}). */
    public String authority() {
        return "SCOPE_" + code();
    }

    /** Whether the API key of the current request holds this scope (false outside a request made with a key). */
    public boolean isGranted() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(granted -> authority().equals(granted.getAuthority()));
    }

    /**
     * Parses a wire code, case-insensitively.
     *
     * @throws IllegalArgumentException naming the allowed codes when {@code code} is not one of them
     */
    @JsonCreator
    public static Scope fromCode(String code) {
        for (Scope scope : values()) {
            if (scope.code().equalsIgnoreCase(code)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + code + "'; allowed: " + allowedCodes());
    }

    /** An unmodifiable copy of {@code scopes} that iterates in declaration order, so listings are stable. */
    public static Set<Scope> orderedSet(Collection<Scope> scopes) {
        return Collections.unmodifiableSet(scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes));
    }

    /** The allowed codes, comma-separated, for error messages. */
    public static String allowedCodes() {
        return Arrays.stream(values()).map(Scope::code).collect(Collectors.joining(", "));
    }
}
