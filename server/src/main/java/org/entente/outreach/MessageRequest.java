package org.entente.outreach;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message to send to a person, through the gate. Checked by {@link Messages#send}: every fault is reported field by
 * field.
 *
 * @param messageClass   {@code transactional}, {@code service}, {@code marketing} or {@code solicited}; JSON
 *                       {@code class}
 * @param subject        required for an email written here (a template brings its own)
 * @param body           the text, or null when {@code template} is given (exactly one of them)
 * @param template       a template shipped with Entente ({@code welcome}, {@code sign_in_link}), rendered in the
 *                       person's language with {@code variables}
 * @param locale         {@code en} or {@code fr}; default: the person's, else English
 * @param idempotencyKey the sender's key: the same key never makes a second message
 * @param sendAt         when to send (default: now)
 * @param expiresAt      after this the message is dropped rather than sent late (null: it waits as long as needed)
 */
public record MessageRequest(UUID profileId, String channel, @JsonProperty("class") String messageClass, String topic,
                             String campaign, String subject, String body, String template,
                             Map<String, String> variables, String locale, String idempotencyKey, Instant sendAt,
                             Instant expiresAt) {
}
