package org.entente.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on a free port, started once for all integration tests: the application sends its
 * emails to it ({@link ApiIT} points {@code spring.mail.*} here). Tests find their mail by its unique recipient.
 */
public final class Mailbox {

    private static final GreenMail SERVER = start();

    private Mailbox() {
    }

    private static GreenMail start() {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static int port() {
        return SERVER.getSmtp().getPort();
    }

    /** The emails received so far for this address. */
    public static List<MimeMessage> to(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : SERVER.getReceivedMessages()) {
            try {
                if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address))) {
                    found.add(message);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** Waits until {@code count} emails came for this address, or {@code timeout} passed; returns them. */
    public static List<MimeMessage> await(String address, int count, Duration timeout) {
        return Eventually.await(() -> to(address), found -> found.size() >= count, timeout);
    }
}
