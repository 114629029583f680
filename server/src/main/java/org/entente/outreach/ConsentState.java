package org.entente.outreach;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a person's consents stand: per purpose and channel, the latest record decides.
 *
 * @param current one line per purpose and channel ever recorded, granted or withdrawn
 */
public record ConsentState(UUID personId, List<Current> current) {

    /** @param since when the latest record was given */
    public record Current(String purpose, String channel, Consent.Status status, Instant since, String noticeVersion,
                          UUID record) {
    }
}
