package org.entente.intake;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import org.entente.support.ApiIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Segment's own Java library, unmodified but for its endpoint, sending to Entente. */
class SegmentApiIT extends ApiIT {

    private record Sent(CountDownLatch done, ConcurrentLinkedQueue<String> failures, Analytics analytics) {
    }

    private Sent client(String key, int messages) {
        CountDownLatch done = new CountDownLatch(messages);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Analytics analytics = Analytics.builder(key).endpoint(base).retries(1)
                .flushQueueSize(messages)
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        done.countDown();
                    }

                    @Override
                    public void failure(Message message, Throwable throwable) {
                        failures.add(String.valueOf(throwable));
                        done.countDown();
                    }
                })
                .build();
        return new Sent(done, failures, analytics);
    }

    @Test
    void theOfficialLibraryFeedsOneProfile() throws InterruptedException {
        String userId = unique("seg-user-");
        String anonymousId = unique("seg-anon-");
        String email = unique("seg.") + "@example.com";
        String ingestKey = createKey("segment", "ingest");
        Sent sent = client(ingestKey, 4);
        sent.analytics().enqueue(PageMessage.builder("Home").anonymousId(anonymousId)
                .properties(Map.of("url", "https://shop.example.com/", "title", "Home")));
        sent.analytics().enqueue(IdentifyMessage.builder().userId(userId).anonymousId(anonymousId)
                .traits(Map.of("email", email, "firstName", "Léa", "lastName", "Roux")));
        sent.analytics().enqueue(TrackMessage.builder("Order Completed").userId(userId)
                .properties(Map.of("order_id", unique("SO-"), "total", 59.90, "currency", "EUR",
                        "products", List.of(Map.of("product_id", "SKU-7", "name", "Stroller cover", "brand", "Acme",
                                "category", "baby", "price", 29.95, "quantity", 2)))));
        sent.analytics().enqueue(TrackMessage.builder("Product Viewed").userId(userId)
                .properties(Map.of("product_id", "SKU-8", "name", "Bib")));
        sent.analytics().flush();
        assertThat(sent.done().await(30, TimeUnit.SECONDS)).isTrue();
        sent.analytics().shutdown();
        assertThat(sent.failures()).isEmpty();

        HttpResponse<String> found = get("/api/v1/profiles?identifier=customerId:" + userId, BOOTSTRAP_KEY);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode profile = json(found);
        assertThat(profile.path("identifiers").findValuesAsString("value")).contains(userId, anonymousId, email);
        assertThat(profile.path("statistics").path("events").asLong()).isEqualTo(4);
        JsonNode eur = profile.path("statistics").path("purchases").get(0);
        assertThat(eur.path("orders").asLong()).isEqualTo(1);
        assertThat(eur.path("revenue").decimalValue()).isEqualByComparingTo("59.90");
        assertThat(profile.path("attributes").path("firstName").asString()).isEqualTo("Léa");
        assertThat(profile.path("lifecycle").asString()).isEqualTo("customer");
        JsonNode timeline = json(get("/api/v1/profiles/" + profile.path("id").asString()
                + "/timeline?type=product_view", BOOTSTRAP_KEY));
        assertThat(timeline.path("items").get(0).path("properties").path("sku").asString()).isEqualTo("SKU-8");
    }

    @Test
    void anUnknownKeyIsRefusedToTheLibrary() throws InterruptedException {
        Sent sent = client("ent_not-a-real-key", 1);
        sent.analytics().enqueue(TrackMessage.builder("Signed Up").userId(unique("nobody-")));
        sent.analytics().flush();
        assertThat(sent.done().await(30, TimeUnit.SECONDS)).isTrue();
        sent.analytics().shutdown();
        assertThat(sent.failures()).hasSize(1);
    }

    private HttpResponse<String> segment(String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    @Test
    void theHttpApiAnswersLikeSegmentAndRepeatsChangeNothing() {
        String userId = unique("seg-http-");
        String track = """
                {"type": "track", "event": "Signed Up", "userId": "%s", "messageId": "%s",
                 "timestamp": "2026-11-20T10:15:30.000Z", "properties": {"plan": "free"}}
                """.formatted(userId, unique("msg-"));
        HttpResponse<String> first = segment("/v1/track", BOOTSTRAP_KEY, track);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json(first).path("success").asBoolean()).isTrue();
        assertThat(segment("/v1/track", BOOTSTRAP_KEY, track).statusCode()).isEqualTo(200);
        JsonNode profile = json(get("/api/v1/profiles?identifier=customerId:" + userId, BOOTSTRAP_KEY));
        assertThat(profile.path("statistics").path("events").asLong()).isEqualTo(1);
        JsonNode event = json(get("/api/v1/profiles/" + profile.path("id").asString() + "/timeline", BOOTSTRAP_KEY))
                .path("items").get(0);
        assertThat(event.path("type").asString()).isEqualTo("sign_up");
        assertThat(event.path("occurredAt").asString()).isEqualTo("2026-11-20T10:15:30Z");

        HttpResponse<String> anonymous = segment("/v1/track", null, track);
        assertProblem(anonymous, 401, "missing_api_key");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"entente\"");
        assertProblem(segment("/v1/track", createKey("reader", "read"), track), 403, "forbidden");
        assertProblem(segment("/v1/batch", BOOTSTRAP_KEY, "{\"batch\": 3}"), 400, "bad_request");
        assertProblem(segment("/v1/identify", BOOTSTRAP_KEY, "{not json"), 400, "malformed_json");
        // HTTP Basic is for Segment's clients only: the native API takes bearer keys.
        assertProblem(send(HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/ping"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (BOOTSTRAP_KEY + ":").getBytes(StandardCharsets.UTF_8))).GET()), 401, "invalid_api_key");
    }

    @Test
    void oddContextsAndCompanyTraitsNeitherFailNorIdentify() {
        String userId = unique("seg-odd-");
        String company = unique("contact.") + "@company.example";
        String body = """
                {"batch": [
                  {"type": "group", "userId": "%s", "groupId": "acme", "traits": {"email": "%s", "name": "Acme"}},
                  {"type": "track", "event": "Signed Up", "userId": "%s",
                   "context": {"device": {"type": {"odd": true}}, "os": ["ios"]}}
                ]}""".formatted(userId, company, userId);
        HttpResponse<String> response = segment("/v1/batch", BOOTSTRAP_KEY, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode profile = json(get("/api/v1/profiles?identifier=customerId:" + userId, BOOTSTRAP_KEY));
        assertThat(profile.path("statistics").path("events").asLong()).isEqualTo(2);
        assertThat(profile.path("identifiers").findValuesAsString("value")).doesNotContain(company);
        // Only imports stream bodies of any size: a CSV body elsewhere is held to the limit.
        HttpResponse<String> csv = send(HttpRequest.newBuilder(java.net.URI.create(base + "/v1/track"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("x".repeat(1_100_000))));
        assertProblem(csv, 413, "payload_too_large");
    }

    @Test
    void invalidCallsBecomeRejectionsTheSenderCanRead() {
        String key = createKey("segment-bad", "ingest");
        String body = """
                {"batch": [
                  {"type": "track", "event": "Order Completed", "userId": "%s", "properties": {"total": 10}},
                  {"type": "identify", "traits": {"email": "nobody"}}
                ]}""".formatted(unique("seg-bad-"));
        assertThat(segment("/v1/batch", key, body).statusCode()).isEqualTo(200);
        JsonNode rejections = json(get("/api/v1/intake/rejections", key));
        assertThat(rejections.path("items")).hasSize(2);
        assertThat(rejections.path("items").findValuesAsString("source")).containsOnly("segment");
        assertThat(rejections.path("items").get(1).path("reason").path("code").asString())
                .isEqualTo("missing_property");
        assertThat(rejections.path("items").get(0).path("reason").path("code").asString())
                .isEqualTo("invalid_identifier");
    }
}
