package org.entente.outreach.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * How messages leave Entente. Email goes through the SMTP server of {@code spring.mail.*}; the other channels are
 * posted to {@code webhookUrl}, signed with {@code webhookSecret}.
 *
 * @param mailFrom         the sender of emails
 * @param webhookUrl       where SMS, push, phone, post and WhatsApp messages are posted (null: they fail with
 *                         {@code no_transport})
 * @param webhookSecret    the HMAC-SHA256 key of the webhook signature, at least 16 characters
 * @param maxAttempts      attempts to hand a message over before it fails
 * @param retryDelay       the wait after the first failed attempt, doubled after each next one
 * @param dispatchInterval how often the queue is looked at
 * @param lease            how long a node keeps a message it took from the queue before another may take it
 */
@ConfigurationProperties("entente.outreach.delivery")
public record DeliveryProperties(@DefaultValue("Entente <no-reply@entente.invalid>") String mailFrom, URI webhookUrl,
                                 String webhookSecret, @DefaultValue("5") int maxAttempts,
                                 @DefaultValue("30s") Duration retryDelay, @DefaultValue("1s") Duration dispatchInterval,
                                 @DefaultValue("2m") Duration lease) {

    public DeliveryProperties {
        if (webhookUrl != null && (webhookSecret == null || webhookSecret.length() < 16)) {
            throw new IllegalArgumentException(
                    "entente.outreach.delivery.webhook-secret must have at least 16 characters when webhook-url is set");
        }
        if (webhookUrl != null && !("https".equals(webhookUrl.getScheme()) || "http".equals(webhookUrl.getScheme()))) {
            throw new IllegalArgumentException("entente.outreach.delivery.webhook-url must be an http(s) URL");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("entente.outreach.delivery.max-attempts must be at least 1");
        }
    }
}
