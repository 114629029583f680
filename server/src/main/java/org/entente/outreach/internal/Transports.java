package org.entente.outreach.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.entente.outreach.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Hands messages over: email to the SMTP server of {@code spring.mail.*}, every other channel as a JSON POST to the
 * configured webhook, signed as {@code Entente-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} so that
 * the receiver can check it came from Entente and is fresh.
 */
@Component
public class Transports {

    public static final String SIGNATURE_HEADER = "Entente-Signature";
    private static final Logger log = LoggerFactory.getLogger(Transports.class);

    /** What became of one attempt. {@code retry}: worth trying again later. */
    public record Outcome(boolean sent, boolean retry, String reason) {
        static final Outcome SENT = new Outcome(true, false, null);

        static Outcome failed(String reason, boolean retry) {
            return new Outcome(false, retry, reason);
        }
    }

    private final ObjectProvider<JavaMailSender> mail;
    private final DeliveryProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Transports(ObjectProvider<JavaMailSender> mail, DeliveryProperties properties, JsonMapper json, Clock clock) {
        this.mail = mail;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    public Outcome send(Message message) {
        return message.channel().equals("email") ? email(message) : webhook(message);
    }

    private Outcome email(Message message) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return Outcome.failed("no_transport", false);
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.mailFrom());
            helper.setTo(message.recipient());
            helper.setSubject(message.subject() == null ? "" : message.subject());
            helper.setText(message.body());
            mime.setHeader("X-Entente-Message-Id", message.id().toString());
            sender.send(mime);
            return Outcome.SENT;
        } catch (MessagingException e) {
            log.warn("Email {} cannot be written: {}", message.id(), e.getMessage());
            return Outcome.failed("transport_error", false);
        } catch (MailException e) {
            log.warn("Email {} not handed to the SMTP server: {}", message.id(), e.getMessage());
            return Outcome.failed("transport_error", true);
        }
    }

    private Outcome webhook(Message message) {
        if (properties.webhookUrl() == null) {
            return Outcome.failed("no_transport", false);
        }
        ObjectNode payload = json.createObjectNode();
        payload.put("id", message.id().toString());
        payload.put("profileId", message.profileId().toString());
        payload.put("channel", message.channel());
        payload.put("class", message.messageClass());
        payload.put("topic", message.topic());
        payload.put("campaign", message.campaign());
        payload.put("to", message.recipient());
        payload.put("locale", message.locale());
        payload.put("subject", message.subject());
        payload.put("body", message.body());
        payload.put("sendAt", message.sendAt().toString());
        String body = json.writeValueAsString(payload);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(properties.webhookUrl()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Entente-Message-Id", message.id().toString())
                .header(SIGNATURE_HEADER, "t=" + timestamp + ",v1=" + sign(properties.webhookSecret(),
                        timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return Outcome.SENT;
            }
            log.warn("The webhook answered {} to message {}", status, message.id());
            boolean retry = status >= 500 || status == 408 || status == 429;
            return Outcome.failed(retry ? "transport_error" : "rejected_by_receiver", retry);
        } catch (IOException e) {
            log.warn("The webhook could not be reached for message {}: {}", message.id(), e.toString());
            return Outcome.failed("transport_error", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("transport_error", true);
        }
    }

    /** The hex HMAC-SHA256 of {@code signed} under {@code secret}. */
    public static String sign(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
