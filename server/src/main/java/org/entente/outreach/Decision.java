package org.entente.outreach;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The gate's verdict, with every reason. An {@code allow} has reserved a contact slot for {@code sendAt}: it counts
 * against the person's limits whether or not the message is sent.
 *
 * @param reasons    codes: {@code no_consent}, {@code channel_refused}, {@code topic_refused}, {@code customer_cap},
 *                   {@code quiet_hours}, {@code paused}, {@code only_when_asked}, {@code unknown_person}...; empty
 *                   for an allow
 * @param deferUntil for a {@code defer}: the earliest time the same message could be allowed
 * @param replayed   true when the idempotency key had been decided before: this is that verdict
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Decision(UUID decisionId, String idempotencyKey, UUID profileId, Verdict verdict, List<String> reasons,
                       Instant deferUntil, Instant sendAt, Instant decidedAt, boolean replayed) {

    public enum Verdict {
        ALLOW, DEFER, DENY;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Decision asReplay() {
        return new Decision(decisionId, idempotencyKey, profileId, verdict, reasons, deferUntil, sendAt, decidedAt,
                true);
    }
}
