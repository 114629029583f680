package org.entente.support;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server receiving the application's webhooks, started once for all integration tests ({@link ApiIT}
 * points the webhook here). It checks each signature as a receiver would, with the shared secret, and keeps what it
 * received. A test may make it answer an error for a message, to see retries.
 */
public final class WebhookReceiver {

    public static final String SECRET = "it-webhook-secret-0123456789";
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Map<String, Integer> FAILURES = new ConcurrentHashMap<>();
    private static final HttpServer SERVER = start();

    /** One request: its body, and whether its signature matched the body and the secret. */
    public record Received(String messageId, String body, String signature, boolean signatureValid, Instant at) {
    }

    private WebhookReceiver() {
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/hooks/messages", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                String id = exchange.getRequestHeaders().getFirst("Entente-Message-Id");
                String signature = exchange.getRequestHeaders().getFirst("Entente-Signature");
                String text = new String(body, StandardCharsets.UTF_8);
                RECEIVED.add(new Received(id, text, signature, valid(signature, text), Instant.now()));
                Integer failures = id == null ? null : FAILURES.computeIfPresent(id, (k, left) -> left - 1);
                int status = failures != null && failures >= 0 ? 503 : 204;
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String url() {
        return "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/hooks/messages";
    }

    /** Makes the receiver answer 503 to the next {@code times} deliveries of this message. */
    public static void failNext(String messageId, int times) {
        FAILURES.put(messageId, times);
    }

    public static List<Received> of(String messageId) {
        List<Received> found = new ArrayList<>();
        for (Received received : RECEIVED) {
            if (messageId.equals(received.messageId())) {
                found.add(received);
            }
        }
        return found;
    }

    /** Checks {@code t=<seconds>,v1=<hex>} as a receiver must: the HMAC of "t.body", compared in constant time. */
    static boolean valid(String header, String body) {
        if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
            return false;
        }
        String timestamp = header.substring(2, header.indexOf(','));
        String given = header.substring(header.indexOf("v1=") + 3);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(given));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code count} requests came for this message, or {@code timeout} passed; returns them. */
    public static List<Received> await(String messageId, int count, Duration timeout) {
        return Eventually.await(() -> of(messageId), found -> found.size() >= count, timeout);
    }
}
