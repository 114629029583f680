package org.entente.outreach;

import jakarta.mail.internet.MimeMessage;
import org.entente.support.ApiIT;
import org.entente.support.Eventually;
import org.entente.support.Mailbox;
import org.entente.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery through the gate, with a real SMTP server (GreenMail) and a real HTTP receiver for the signed webhooks:
 * what is sent, what waits, what is checked again before it goes, what is dropped, and what the timeline shows.
 */
class MessagesIT extends ApiIT {

    private static final String MESSAGES = "/api/v1/messages";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    Messages messages;

    private record Person(String id, String email, String phone) {
    }

    private Person person(String firstName, String locale) {
        String customer = unique("msg");
        String email = customer + "@example.com";
        String phone = "+3361" + String.format(Locale.ROOT, "%07d", Math.floorMod(customer.hashCode(), 10_000_000));
        ObjectNode event = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "identify")
                .put("channel", "web");
        event.putObject("identifiers").put("customerId", customer).put("email", email).put("phone", phone);
        ObjectNode traits = event.putObject("properties").put("firstName", firstName);
        if (locale != null) {
            traits.put("locale", locale);
        }
        send(event);
        String id = json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id")
                .asString();
        return new Person(id, email, phone);
    }

    private void consent(Person p, String channel, String status) {
        assertThat(postJson("/api/v1/profiles/" + p.id() + "/consents", BOOTSTRAP_KEY, """
                {"purpose": "marketing", "channel": "%s", "status": "%s", "source": "web", "actor": "customer",
                 "noticeVersion": "v1"}""".formatted(channel, status)).statusCode()).isEqualTo(201);
    }

    private void prefer(Person p, String preferences) {
        HttpResponse<String> saved = send(request("/api/v1/profiles/" + p.id() + "/preferences?source=web",
                BOOTSTRAP_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(preferences)));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    private static ObjectNode email(Person p, String messageClass, String subject, String body) {
        return JSON.createObjectNode().put("profileId", p.id()).put("channel", "email").put("class", messageClass)
                .put("topic", "offers").put("subject", subject).put("body", body)
                .put("idempotencyKey", "it-" + UUID.randomUUID());
    }

    private JsonNode post(ObjectNode message, int status) {
        HttpResponse<String> response = postJson(MESSAGES, BOOTSTRAP_KEY, message.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json(response);
    }

    private JsonNode message(JsonNode posted) {
        return json(get(MESSAGES + "/" + posted.path("id").asString(), BOOTSTRAP_KEY));
    }

    /** Waits until the message reaches this status (the queue works in the background). */
    private JsonNode awaitStatus(JsonNode posted, String status) {
        JsonNode now = Eventually.await(() -> message(posted), m -> m.path("status").asString().equals(status), WAIT);
        assertThat(now.path("status").asString()).as(now.toString()).isEqualTo(status);
        return now;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> timeline(Person p) {
        List<String> types = new ArrayList<>();
        json(get("/api/v1/profiles/" + p.id() + "/timeline?limit=200", BOOTSTRAP_KEY)).path("items")
                .forEach(entry -> types.add(entry.path("type").asString()));
        return types;
    }

    @Test
    void anAllowedEmailGoesBySmtpOnceAndShowsOnTheTimeline() throws Exception {
        Person p = person("Léa", null);
        consent(p, "email", "granted");
        ObjectNode request = email(p, "marketing", "Spring offers", "Hello Léa,\n\n20% off this week.");
        JsonNode posted = post(request, 201);
        assertThat(posted.path("status").asString()).isEqualTo("queued");
        assertThat(posted.path("recipient").asString()).isEqualTo(p.email());
        assertThat(posted.path("decisionId").isNull()).isFalse();

        JsonNode sent = awaitStatus(posted, "sent");
        assertThat(sent.path("attempts").asInt()).isEqualTo(1);
        List<MimeMessage> mails = Mailbox.await(p.email(), 1, WAIT);
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getSubject()).isEqualTo("Spring offers");
        assertThat(((String) mails.getFirst().getContent()).strip()).isEqualTo("Hello Léa,\r\n\r\n20% off this week.");
        assertThat(mails.getFirst().getHeader("X-Entente-Message-Id")[0]).isEqualTo(posted.path("id").asString());

        // The same idempotency key, even with another text: the first message, never a second send.
        request.put("body", "Another text");
        JsonNode replay = post(request, 200);
        assertThat(replay.path("replayed").asBoolean()).isTrue();
        assertThat(replay.path("id").asString()).isEqualTo(posted.path("id").asString());
        sleep(700);
        assertThat(Mailbox.to(p.email())).hasSize(1);

        // The provider reports: delivered, then opened; both on the timeline, with the send.
        HttpResponse<String> opened = postJson(MESSAGES + "/" + posted.path("id").asString() + "/reports",
                BOOTSTRAP_KEY, "{\"type\": \"opened\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(json(opened).path("status").asString()).isEqualTo("delivered");
        assertThat(json(opened).path("openedAt").isNull()).isFalse();
        assertThat(timeline(p)).contains("message.sent", "message.opened");
        JsonNode listed = json(get("/api/v1/profiles/" + p.id() + "/messages", BOOTSTRAP_KEY));
        assertThat(listed.path("items")).extracting(m -> m.path("id").asString())
                .containsExactly(posted.path("id").asString());
    }

    @Test
    void aTemplateSpeaksThePersonsLanguage() throws Exception {
        Person p = person("Zoé", "fr-FR");
        JsonNode posted = post(JSON.createObjectNode().put("profileId", p.id()).put("channel", "email")
                .put("class", "transactional").put("template", "welcome").put("idempotencyKey", unique("welcome"))
                .set("variables", JSON.createObjectNode().put("firstName", "Zoé <b>")), 201);
        assertThat(posted.path("locale").asString()).isEqualTo("fr");
        assertThat(posted.path("subject").asString()).isEqualTo("Bienvenue");
        awaitStatus(posted, "sent");
        MimeMessage mail = Mailbox.await(p.email(), 1, WAIT).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Bienvenue");
        assertThat((String) mail.getContent()).startsWith("Bonjour Zoé <b>,").contains("vos préférences");

        // English when asked, whatever the person's language.
        JsonNode english = post(JSON.createObjectNode().put("profileId", p.id()).put("channel", "email")
                .put("class", "transactional").put("template", "sign_in_link").put("locale", "en")
                .put("idempotencyKey", unique("link")).set("variables", JSON.createObjectNode()
                        .put("link", "https://shop.example/me/sign-in?token=abc").put("minutes", "15")), 201);
        assertThat(english.path("subject").asString()).isEqualTo("Your sign-in link");
        // A sign-in link is a secret: the API never shows its text; only the email carries it.
        assertThat(english.path("body").asString()).isEmpty();
        awaitStatus(english, "sent");
        assertThat(message(english).path("body").asString()).isEmpty();
        List<MimeMessage> mails = Mailbox.await(p.email(), 2, WAIT);
        assertThat(mails).hasSize(2);
        assertThat((String) mails.get(1).getContent()).contains("for 15 minutes",
                "https://shop.example/me/sign-in?token=abc");
    }

    @Test
    void theGateDecidesFirstAndItsVerdictIsKept() {
        Person p = person("Noé", null);
        JsonNode denied = post(email(p, "marketing", "Offers", "Buy"), 201);
        assertThat(denied.path("status").asString()).isEqualTo("denied");
        assertThat(denied.path("reasons")).extracting(JsonNode::asString).containsExactly("no_consent");
        assertThat(denied.path("nextAttemptAt").isNull()).isTrue();
        assertThat(timeline(p)).contains("message.denied");
        assertProblem(postJson(MESSAGES + "/" + denied.path("id").asString() + "/reports", BOOTSTRAP_KEY,
                "{\"type\": \"delivered\"}"), 409, "not_sent");
        sleep(700);
        assertThat(Mailbox.to(p.email())).isEmpty();

        // An email to a person without an email address fails at once, without taking a slot.
        String customer = unique("noaddress");
        ObjectNode event = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "sign_up")
                .put("channel", "store");
        event.putObject("identifiers").put("customerId", customer);
        event.putObject("properties");
        send(event);
        String id = json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id")
                .asString();
        JsonNode failed = post(email(new Person(id, null, null), "transactional", "Receipt", "Thanks"), 201);
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("reasons")).extracting(JsonNode::asString).containsExactly("no_address");
    }

    @Test
    void aDeferredMessageWaitsInTheQueueAndIsCheckedAgainAtItsTime() {
        Person p = person("Inès", null);
        consent(p, "email", "granted");
        Instant pauseEnd = clock.instant().plus(Duration.ofDays(2));
        prefer(p, "{\"pausedUntil\": \"" + pauseEnd + "\"}");
        JsonNode deferred = post(email(p, "marketing", "Later", "When you are back"), 201);
        assertThat(deferred.path("status").asString()).isEqualTo("deferred");
        assertThat(deferred.path("reasons")).extracting(JsonNode::asString).containsExactly("paused");
        assertThat(Instant.parse(deferred.path("nextAttemptAt").asString())).isEqualTo(pauseEnd);
        ObjectNode expiring = email(p, "marketing", "Flash sale", "Today only");
        expiring.put("expiresAt", clock.instant().plus(Duration.ofDays(1)).toString());
        JsonNode flash = post(expiring, 201);
        assertThat(flash.path("status").asString()).isEqualTo("deferred");

        // A day later the flash sale is over: dropped, with why. Nothing was sent.
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        messages.dispatchDue();
        JsonNode dropped = message(flash);
        assertThat(dropped.path("status").asString()).isEqualTo("dropped");
        assertThat(dropped.path("reasons")).extracting(JsonNode::asString).containsExactly("expired", "paused");
        assertThat(message(deferred).path("status").asString()).isEqualTo("deferred");

        // When the pause ends, the gate allows it and it goes.
        clock.advance(Duration.ofDays(1));
        messages.dispatchDue();
        JsonNode sent = awaitStatus(deferred, "sent");
        assertThat(sent.path("decisionId").isNull()).isFalse();
        assertThat(Mailbox.await(p.email(), 1, WAIT)).extracting(mail -> {
            try {
                return mail.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).containsExactly("Later");
        assertThat(timeline(p)).contains("message.dropped", "message.sent");
    }

    @Test
    void withdrawingConsentStopsAQueuedMessage() {
        Person p = person("Hugo", null);
        consent(p, "email", "granted");
        ObjectNode request = email(p, "marketing", "Next week", "Our news");
        request.put("sendAt", clock.instant().plus(Duration.ofHours(1)).toString());
        JsonNode queued = post(request, 201);
        assertThat(queued.path("status").asString()).isEqualTo("queued");

        consent(p, "email", "withdrawn");
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        messages.dispatchDue();
        JsonNode cancelled = message(queued);
        assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.path("reasons")).extracting(JsonNode::asString).containsExactly("no_consent");
        sleep(700);
        assertThat(Mailbox.to(p.email())).isEmpty();
        assertThat(timeline(p)).contains("message.cancelled");
    }

    @Test
    void otherChannelsGoToTheSignedWebhookWhichIsRetried() {
        Person p = person("Maël", null);
        consent(p, "sms", "granted");
        ObjectNode request = JSON.createObjectNode().put("profileId", p.id()).put("channel", "sms")
                .put("class", "marketing").put("topic", "offers").put("body", "-20% today")
                .put("idempotencyKey", unique("sms")).put("sendAt", clock.instant().plusSeconds(3600).toString());
        JsonNode queued = post(request, 201);
        String id = queued.path("id").asString();
        WebhookReceiver.failNext(id, 2);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        messages.dispatchDue();

        // Two 503s, then accepted: three signed requests, one message sent.
        List<WebhookReceiver.Received> received = WebhookReceiver.await(id, 3, WAIT);
        assertThat(received).hasSize(3).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
        JsonNode payload = JSON.readTree(received.getLast().body());
        assertThat(payload.path("to").asString()).isEqualTo(p.phone());
        assertThat(payload.path("body").asString()).isEqualTo("-20% today");
        assertThat(payload.path("channel").asString()).isEqualTo("sms");
        JsonNode sent = awaitStatus(queued, "sent");
        assertThat(sent.path("attempts").asInt()).isEqualTo(3);
        // A tampered body does not match the signature.
        assertThat(org.entente.outreach.internal.Transports.sign(WebhookReceiver.SECRET, "1.{}"))
                .hasSize(64).isNotEqualTo(org.entente.outreach.internal.Transports.sign("another-secret-0123456",
                        "1.{}"));
    }

    @Test
    void parallelSendersNeverExceedThePersonsCap() throws Exception {
        Person p = person("Jade", null);
        consent(p, "email", "granted");
        prefer(p, "{\"channels\": {\"email\": {\"maxPerDay\": 3}}}");
        String sendAt = clock.instant().plus(Duration.ofDays(3)).toString();
        List<Callable<JsonNode>> senders = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            ObjectNode request = email(p, "marketing", "Offer " + i, "Body " + i).put("sendAt", sendAt);
            senders.add(() -> post(request, 201));
        }
        List<String> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (Future<JsonNode> future : pool.invokeAll(senders)) {
                statuses.add(future.get().path("status").asString());
            }
        }
        assertThat(statuses).filteredOn("queued"::equals).hasSize(3);
        assertThat(statuses).filteredOn("deferred"::equals).hasSize(29);
    }

    @Test
    void manyUnopenedMessagesRestMarketing() {
        HttpResponse<String> policy = send(request("/api/v1/outreach/policy", BOOTSTRAP_KEY)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"fatigue\": {\"unopenedInARow\": 2, \"daysAfterUnopened\": 10}}")));
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        try {
            Person p = person("Théo", null);
            consent(p, "email", "granted");
            JsonNode first = post(email(p, "marketing", "One", "1"), 201);
            awaitStatus(first, "sent");
            JsonNode second = post(email(p, "marketing", "Two", "2"), 201);
            JsonNode sentSecond = awaitStatus(second, "sent");
            JsonNode third = post(email(p, "marketing", "Three", "3"), 201);
            assertThat(third.path("status").asString()).isEqualTo("deferred");
            assertThat(third.path("reasons")).extracting(JsonNode::asString).containsExactly("fatigue");
            assertThat(Instant.parse(third.path("nextAttemptAt").asString()))
                    .isEqualTo(Instant.parse(sentSecond.path("sentAt").asString()).plus(Duration.ofDays(10)));
            // Transactional messages are not marketing: they still go.
            assertThat(post(email(p, "transactional", "Receipt", "r"), 201).path("status").asString())
                    .isEqualTo("queued");
            // She opens one: marketing may write again.
            assertThat(postJson(MESSAGES + "/" + first.path("id").asString() + "/reports", BOOTSTRAP_KEY,
                    "{\"type\": \"clicked\"}").statusCode()).isEqualTo(200);
            assertThat(post(email(p, "marketing", "Four", "4"), 201).path("status").asString()).isEqualTo("queued");
        } finally {
            send(request("/api/v1/outreach/policy", BOOTSTRAP_KEY).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        }
    }

    @Test
    void badMessagesAreRefusedFieldByField() {
        Person p = person("Ana", null);
        String reader = createKey("msg-reader", "read");
        assertProblem(postJson(MESSAGES, reader, email(p, "transactional", "S", "B").toString()), 403, "forbidden");
        assertProblem(postJson(MESSAGES, BOOTSTRAP_KEY, "{\"profileId\": "), 400, "malformed_json");
        assertProblem(postJson(MESSAGES, BOOTSTRAP_KEY, "{\"body\": \"a\", \"body\": \"b\"}"), 400, "malformed_json");
        assertProblem(postJson(MESSAGES, BOOTSTRAP_KEY, "[]"), 400, "validation");

        JsonNode problem = assertProblem(postJson(MESSAGES, BOOTSTRAP_KEY, "{}"), 400, "validation");
        assertThat(problem.path("errors")).extracting(e -> e.path("field").asString())
                .contains("profileId", "channel", "class", "idempotencyKey", "body");

        ObjectNode both = email(p, "transactional", "S", "B").put("template", "welcome");
        assertThat(fields(both)).contains("body", "subject");
        assertThat(fields(email(p, "transactional", "S", "B").put("channel", "fax"))).containsExactly("channel");
        assertThat(fields(email(p, "transactional", "S", "B").put("class", "spam"))).containsExactly("class");
        assertThat(fields(email(p, "transactional", "S", "B").put("topic", "gossip"))).containsExactly("topic");
        assertThat(fields(email(p, "transactional", "S", "x".repeat(100_001)))).containsExactly("body");
        assertThat(fields(email(p, "transactional", "S", "bell \u0007"))).containsExactly("body");
        assertThat(fields(email(p, "transactional", "line\nbreak", "B"))).containsExactly("subject");
        assertThat(fields(email(p, "transactional", "S", "B").putNull("subject"))).containsExactly("subject");
        assertThat(fields(email(p, "transactional", "S", "B").put("locale", "de"))).containsExactly("locale");
        assertThat(fields(email(p, "transactional", "S", "B").put("idempotencyKey", "k".repeat(201))))
                .containsExactly("idempotencyKey");
        assertThat(fields(email(p, "transactional", "S", "B")
                .put("expiresAt", clock.instant().minusSeconds(60).toString()))).containsExactly("expiresAt");
        assertThat(fields(email(p, "transactional", "S", "B")
                .put("sendAt", clock.instant().plus(Duration.ofDays(400)).toString()))).containsExactly("sendAt");
        ObjectNode template = JSON.createObjectNode().put("profileId", p.id()).put("channel", "email")
                .put("class", "transactional").put("template", "../../application").put("idempotencyKey", "k");
        assertThat(fields(template)).containsExactly("template");
        template.put("template", "welcome").putObject("variables").put("bad name", "x");
        assertThat(fields(template)).containsExactly("variables");
        assertProblem(postJson(MESSAGES, BOOTSTRAP_KEY, email(p, "transactional", "S", "B")
                .put("profileId", UUID.randomUUID().toString()).toString()), 404, "not_found");
        assertProblem(postJson(MESSAGES, BOOTSTRAP_KEY, email(p, "transactional", "S", "B")
                .put("unknown", 1).toString()), 400, "validation");
        assertProblem(get(MESSAGES + "/" + UUID.randomUUID(), BOOTSTRAP_KEY), 404, "not_found");
        assertProblem(get(MESSAGES + "/not-a-uuid", BOOTSTRAP_KEY), 400, "validation");
        JsonNode sent = post(email(p, "transactional", "S", "B"), 201);
        assertThat(fieldsOf(postJson(MESSAGES + "/" + sent.path("id").asString() + "/reports", BOOTSTRAP_KEY,
                "{\"type\": \"read\"}"))).containsExactly("type");
        assertThat(fieldsOf(postJson(MESSAGES + "/" + sent.path("id").asString() + "/reports", BOOTSTRAP_KEY,
                "{\"type\": \"opened\", \"at\": \"2999-01-01T00:00:00Z\"}"))).containsExactly("at");
    }

    private List<String> fields(ObjectNode request) {
        return fieldsOf(postJson(MESSAGES, BOOTSTRAP_KEY, request.toString()));
    }

    private static List<String> fieldsOf(HttpResponse<String> response) {
        JsonNode problem = assertProblem(response, 400, "validation");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }
}
