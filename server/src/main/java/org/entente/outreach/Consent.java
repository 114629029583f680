package org.entente.outreach;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * One record of the consent ledger. Records are never changed: the current state of a purpose on a channel is its
 * latest record.
 *
 * @param channel     a contact channel, or {@code any} for a purpose not tied to one ({@code profiling})
 * @param source      the channel through which the person gave or withdrew it ({@code web}, {@code store}...)
 * @param actor       who recorded it on the person's behalf
 * @param recordedBy  the staff user, API key or system that wrote it
 * @param givenAt     when the person gave or withdrew it (evidence)
 * @param ipHash      SHA-256 of the IP address the person used, never the address itself (evidence); may be null
 * @param userAgent   the person's user agent (evidence); may be null
 */
public record Consent(UUID id, UUID personId, String purpose, String channel, Status status, String source,
                      Actor actor, String recordedBy, String noticeVersion, LegalBasis legalBasis, Instant givenAt,
                      Instant recordedAt, String ipHash, String userAgent) {

    public enum Status {
        GRANTED, WITHDRAWN;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who acted: the customer themselves, a staff agent for them, an import of an earlier system, Entente itself. */
    public enum Actor {
        CUSTOMER, AGENT, IMPORT, SYSTEM;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The lawful basis of the processing (GDPR article 6). */
    public enum LegalBasis {
        CONSENT, CONTRACT, LEGAL_OBLIGATION, VITAL_INTERESTS, PUBLIC_TASK, LEGITIMATE_INTERESTS;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
