package org.entente.intake.internal;

import java.util.Locale;

/** How events came in. */
public enum IntakeSource {
    API, SEGMENT, IMPORT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
