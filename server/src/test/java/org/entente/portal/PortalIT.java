package org.entente.portal;

import jakarta.mail.internet.MimeMessage;
import org.entente.support.ApiIT;
import org.entente.support.Browser;
import org.entente.support.Mailbox;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer portal over HTTP: sign-in by a single-use link sent by email (GreenMail), and a customer who can reach
 * only their own data, never the staff pages.
 */
class PortalIT extends ApiIT {

    /** The sign-in link in an email. */
    static final Pattern LINK = Pattern.compile("(http://[^\\s]+/me/sign-in/[A-Za-z0-9_-]{43})");

    private String person(String customer, String firstName) {
        ObjectNode identify = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "identify")
                .put("channel", "web");
        identify.putObject("identifiers").put("customerId", customer).put("email", customer + "@example.com");
        identify.putObject("properties").put("firstName", firstName);
        send(identify);
        return json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id").asString();
    }

    /** Asks for a link as a browser would, and answers the link the email brought. */
    static String link(Browser browser, String email, int mailsBefore) throws Exception {
        HttpResponse<String> asked = browser.postForm("/me/sign-in", "/me/sign-in", Map.of("email", email));
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("a sign-in link is on its way");
        List<MimeMessage> mails = Mailbox.await(email, mailsBefore + 1, Duration.ofSeconds(15));
        assertThat(mails).hasSize(mailsBefore + 1);
        Matcher link = LINK.matcher((String) mails.getLast().getContent());
        assertThat(link.find()).as("a link in the email").isTrue();
        return URI.create(link.group(1)).getPath();
    }

    @Test
    void aCustomerSignsInWithASingleUseLinkAndSeesOnlyTheirOwnData() throws Exception {
        String customer = unique("portal");
        String email = customer + "@example.com";
        String id = person(customer, "Romane");
        String other = unique("portal-other");
        person(other, "Octave");

        Browser browser = new Browser(base);
        assertThat(browser.get("/me").statusCode()).isEqualTo(302);
        String path = link(browser, email, 0);
        HttpResponse<String> confirm = browser.get(path);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Sign in");
        // Opening the link does not use it up (mail scanners open links); signing in does.
        HttpResponse<String> signedIn = browser.postForm(path, path, Map.of());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/me"));
        ObjectNode wish = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "wishlist_add")
                .put("channel", "web");
        wish.putObject("identifiers").put("customerId", customer);
        wish.putObject("properties").put("sku", "BOOTS").put("name", "Hiking boots");
        send(wish);
        HttpResponse<String> me = browser.get("/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("Hello Romane", "Hiking boots").doesNotContain("Octave");

        // Used once: the same link no longer works, in another browser either.
        Browser thief = new Browser(base);
        assertThat(thief.get(path).statusCode()).isEqualTo(410);
        assertThat(thief.postForm(path, "/me/sign-in", Map.of()).statusCode()).isEqualTo(410);
        assertThat(thief.get("/me").statusCode()).isEqualTo(302);
        assertThat(new Browser(base).get("/me/sign-in/not-a-token").statusCode()).isEqualTo(410);

        // The customer's session opens no staff page, and the download is their own data.
        assertThat(browser.get("/customers").statusCode()).isEqualTo(403);
        assertThat(browser.get("/customers/" + id).statusCode()).isEqualTo(403);
        HttpResponse<String> data = browser.get("/me/data");
        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(data.body()).path("profile").path("id").asString()).isEqualTo(id);
        assertThat(data.body()).doesNotContain(other);

        // A staff session opens no customer page.
        Browser staff = new Browser(base);
        assertThat(staff.login("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(staff.get("/me").statusCode()).isIn(302, 403);
    }

    @Test
    void unknownAddressesGetTheSameAnswerAndLinksAreRationed() throws Exception {
        String nobody = unique("nobody") + "@example.com";
        Browser browser = new Browser(base);
        HttpResponse<String> asked = browser.postForm("/me/sign-in", "/me/sign-in", Map.of("email", nobody));
        assertThat(asked.body()).contains("a sign-in link is on its way");
        assertThat(browser.postForm("/me/sign-in", "/me/sign-in", Map.of("email", "not an email")).body())
                .contains("This is not an email address");
        Thread.sleep(700);
        assertThat(Mailbox.to(nobody)).isEmpty();

        String customer = unique("portal-rate");
        person(customer, "Rita");
        String email = customer + "@example.com";
        for (int i = 0; i < 7; i++) {
            browser.postForm("/me/sign-in", "/me/sign-in", Map.of("email", email));
        }
        Thread.sleep(1500);
        assertThat(Mailbox.to(email)).hasSize(5);
        // The API never shows a sign-in link's text.
        String id = json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id")
                .asString();
        var sent = json(get("/api/v1/profiles/" + id + "/messages", BOOTSTRAP_KEY)).path("items");
        assertThat(sent).hasSize(5).allSatisfy(m -> assertThat(m.path("body").asString()).isEmpty());
        // Nor does sending it again under its key: the replay withholds the text too.
        HttpResponse<String> replay = postJson("/api/v1/messages", BOOTSTRAP_KEY, """
                {"profileId": "%s", "channel": "email", "class": "transactional", "template": "sign_in_link",
                 "variables": {"link": "x"}, "idempotencyKey": "%s"}"""
                .formatted(id, sent.get(0).path("idempotencyKey").asString()));
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(json(replay).path("replayed").asBoolean()).isTrue();
        assertThat(json(replay).path("body").asString()).isEmpty();
    }
}
