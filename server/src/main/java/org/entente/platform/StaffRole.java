package org.entente.platform;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The roles of the brand's staff in the back office. A staff user holds one or more roles. */
public enum StaffRole {
    /** Manages users, keys, programs, policies. */
    ADMIN,
    /** Manages offers, journeys, campaigns and reads insight. */
    MARKETER,
    /** Serves customers: cases, goodwill, the 360 view. */
    AGENT,
    /** Store staff at the till: recognition and the 360 view. */
    STORE;

    /** The Spring Security authority of this role ({@code "ROLE_ADMIN"}). */
    public String authority() {
        return "ROLE_" + name();
    }

    /**
     * Parses a role name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the allowed roles
     */
    @JsonCreator
    public static StaffRole fromName(String name) {
        for (StaffRole role : values()) {
            if (role.name().equalsIgnoreCase(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "'; allowed: "
                + Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
