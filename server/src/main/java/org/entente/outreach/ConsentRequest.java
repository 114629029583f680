package org.entente.outreach;

import java.time.Instant;

/**
 * A consent given or withdrawn, as a system or an agent records it. Checked by {@link Outreach#recordConsent}: every
 * fault is reported field by field.
 *
 * @param channel    a contact channel, or {@code any} (the default) for a purpose not tied to one
 * @param legalBasis {@code consent} by default
 * @param givenAt    when the person gave or withdrew it (default: now; never in the future)
 * @param evidence   the person's IP address (kept only as its SHA-256) and user agent, when known
 */
public record ConsentRequest(String purpose, String channel, String status, String source, String actor,
                             String noticeVersion, String legalBasis, Instant givenAt, Evidence evidence) {

    public record Evidence(String ip, String userAgent) {
    }
}
