package org.entente.bench.ping;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process stand-in for the Entente server on an ephemeral loopback port: the liveness probe without
 * authentication, and the ping endpoint checking the bearer key and failing every {@code failEvery}-th call.
 */
final class FakeEntente implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String key;
    private final long failEvery;
    private final AtomicLong pings = new AtomicLong();

    private FakeEntente(String key, long failEvery) throws IOException {
        this.key = key;
        this.failEvery = failEvery;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PingScenario.BASELINE_PATH, exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext(PingScenario.PING_PATH, this::ping);
        server.setExecutor(executor);
        server.start();
    }

    static FakeEntente withKey(String key) throws IOException {
        return new FakeEntente(key, Long.MAX_VALUE);
    }

    static FakeEntente withKeyFailingEvery(String key, long failEvery) throws IOException {
        return new FakeEntente(key, failEvery);
    }

    URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** How many ping requests arrived, whatever their answer. */
    long pings() {
        return pings.get();
    }

    private void ping(HttpExchange exchange) throws IOException {
        long count = pings.incrementAndGet();
        if (!("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
        } else if (count % failEvery == 0) {
            respond(exchange, 503, "{\"title\":\"Unavailable\"}");
        } else {
            respond(exchange, 200, "{\"pong\":true}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
