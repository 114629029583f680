package org.entente.outreach;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A message sent through the gate, and what became of it.
 *
 * @param recipient     the address it goes to (an email address, a phone number), or null when the webhook receiver
 *                      finds it
 * @param status        where it stands (see {@link Status})
 * @param reasons       why it is not sent (yet): the gate's reason codes, {@code expired}, {@code no_address},
 *                      {@code no_transport}, {@code transport_error}, {@code rejected_by_receiver}
 * @param decisionId    the gate's verdict holding its slot, while it is queued or once sent
 * @param nextAttemptAt when the queue looks at it again (null once it is settled)
 * @param replayed      true when the idempotency key had been sent before: this is that message
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Message(UUID id, String idempotencyKey, UUID profileId, String channel,
                      @JsonProperty("class") String messageClass, String topic, String campaign, String template,
                      String locale, String recipient, String subject, String body, Status status,
                      List<String> reasons, UUID decisionId, int attempts, Instant sendAt, Instant expiresAt,
                      Instant nextAttemptAt, Instant createdAt, String createdBy, Instant sentAt, Instant deliveredAt,
                      Instant openedAt, Instant updatedAt, boolean replayed) {

    /**
     * {@code queued}: allowed, its slot held, waiting for its time or a retry; {@code deferred}: waiting for the gate
     * to allow it; {@code sent}: handed to the SMTP server or the webhook receiver; {@code delivered} and
     * {@code bounced}: as the provider reported; {@code failed}: could not be handed over; {@code denied}: refused by
     * the gate; {@code cancelled}: refused when checked again before sending (consent withdrawn, pause...);
     * {@code dropped}: expired while waiting.
     */
    public enum Status {
        QUEUED, DEFERRED, SENT, DELIVERED, BOUNCED, FAILED, DENIED, CANCELLED, DROPPED;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }

        /** Waiting in the queue. */
        public boolean waiting() {
            return this == QUEUED || this == DEFERRED;
        }
    }

    /** This message as the API shows it: the text of a secret template (a sign-in link) withheld. */
    public Message shown() {
        if (template == null || !org.entente.outreach.internal.MessageTemplates.SECRET.contains(template)) {
            return this;
        }
        return new Message(id, idempotencyKey, profileId, channel, messageClass, topic, campaign, template, locale,
                recipient, subject, "", status, reasons, decisionId, attempts, sendAt, expiresAt, nextAttemptAt,
                createdAt, createdBy, sentAt, deliveredAt, openedAt, updatedAt, replayed);
    }

    public Message asReplay() {
        return new Message(id, idempotencyKey, profileId, channel, messageClass, topic, campaign, template, locale,
                recipient, subject, body, status, reasons, decisionId, attempts, sendAt, expiresAt, nextAttemptAt,
                createdAt, createdBy, sentAt, deliveredAt, openedAt, updatedAt, true);
    }
}
