package org.entente.backoffice;

import org.entente.support.ApiIT;
import org.entente.support.Browser;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration pages: the program, the offers and the contact policy, shown in words and saved through the
 * same services as the API, with the same checks and the same protection against overwriting a newer version.
 */
class ConfigurationPagesIT extends ApiIT {

    private static final Pattern DOCUMENT = Pattern.compile("<textarea[^>]*name=\"document\"[^>]*>([^<]*)</textarea>",
            Pattern.DOTALL);
    private static final Pattern OFFER = Pattern.compile("/settings/offers/([0-9a-f-]{36})\\?saved=1");

    /** The document a page shows in its editor, as the browser would post it back. */
    private static String document(HttpResponse<String> page) {
        Matcher found = DOCUMENT.matcher(page.body());
        assertThat(found.find()).as(page.body()).isTrue();
        return org.springframework.web.util.HtmlUtils.htmlUnescape(found.group(1));
    }

    @Test
    void theProgramIsShownInWordsAndSavedWithTheApisChecksAndVersions() {
        Browser browser = admin();
        HttpResponse<String> page = browser.get("/settings/loyalty-program");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Tiers, lowest first", "Member", "Insider");
        int version = json(get("/api/v1/loyalty/program", BOOTSTRAP_KEY)).path("version").asInt();
        String document = document(page);

        HttpResponse<String> saved = browser.postForm("/settings/loyalty-program", "/settings/loyalty-program",
                Map.of("document", document));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("saved=" + (version + 1));
        assertThat(browser.get("/settings/loyalty-program?saved=" + (version + 1)).body())
                .contains("version " + (version + 1) + " is in force");
        assertThat(json(get("/api/v1/loyalty/program", BOOTSTRAP_KEY)).path("version").asInt()).isEqualTo(version + 1);

        // The same document again is based on a version that is not the latest any more: refused, not overwritten.
        HttpResponse<String> stale = browser.postForm("/settings/loyalty-program", "/settings/loyalty-program",
                Map.of("document", document));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("is not the latest any more", "role=\"alert\"");

        String invalid = document(browser.get("/settings/loyalty-program"))
                .replaceFirst("\"currency\" : \"[A-Z]{3}\"", "\"currency\" : \"<script>\"");
        HttpResponse<String> refused = browser.postForm("/settings/loyalty-program", "/settings/loyalty-program",
                Map.of("document", invalid));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("<code>currency</code>").doesNotContain("<script>")
                .contains("&lt;script&gt;");
        HttpResponse<String> unreadable = browser.postForm("/settings/loyalty-program?lang=fr",
                "/settings/loyalty-program", Map.of("document", "{\"tiers\": [ oops"));
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("pas un JSON valable", "ligne 1");
        assertThat(browser.postForm("/settings/loyalty-program", "/settings/loyalty-program",
                Map.of("document", "x".repeat(200_001))).statusCode()).isEqualTo(400);
        assertThat(json(get("/api/v1/loyalty/program", BOOTSTRAP_KEY)).path("version").asInt()).isEqualTo(version + 1);
    }

    @Test
    void marketersReadTheProgramAndThePolicyButOnlyAdministratorsChangeThem() {
        Browser marketer = staffWith("MARKETER");
        HttpResponse<String> program = marketer.get("/settings/loyalty-program");
        assertThat(program.statusCode()).isEqualTo(200);
        assertThat(program.body()).doesNotContain("<textarea").contains("<pre class=\"code\"");
        HttpResponse<String> policy = marketer.get("/settings/contact-policy");
        assertThat(policy.statusCode()).isEqualTo(200);
        assertThat(policy.body()).contains("Most messages per person").doesNotContain("<textarea");
        assertThat(marketer.postForm("/settings/contact-policy", "/settings/contact-policy",
                Map.of("document", "{}")).statusCode()).isEqualTo(403);
        assertThat(marketer.postForm("/settings/loyalty-program", "/settings/loyalty-program",
                Map.of("document", "{}")).statusCode()).isEqualTo(403);
        assertThat(staffWith("AGENT").get("/settings/offers").statusCode()).isEqualTo(403);
        assertThat(staffWith("STORE").get("/settings/contact-policy").statusCode()).isEqualTo(403);
    }

    @Test
    void theContactPolicyIsSavedAsTheApiSavesIt() {
        Browser browser = admin();
        HttpResponse<String> page = browser.get("/settings/contact-policy");
        assertThat(page.statusCode()).isEqualTo(200);
        String document = document(page);
        int version = json(get("/api/v1/outreach/policy", BOOTSTRAP_KEY)).path("version").asInt();
        HttpResponse<String> saved = browser.postForm("/settings/contact-policy", "/settings/contact-policy",
                Map.of("document", document));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(json(get("/api/v1/outreach/policy", BOOTSTRAP_KEY)).path("version").asInt()).isEqualTo(version + 1);
        HttpResponse<String> refused = browser.postForm("/settings/contact-policy", "/settings/contact-policy",
                Map.of("document", "{\"channels\": {\"pigeon\": {\"maxPerDay\": 1}}, \"overall\": {\"maxPerDay\": -3}}"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("channels.pigeon", "overall.maxPerDay");
        assertThat(json(get("/api/v1/outreach/policy", BOOTSTRAP_KEY)).path("version").asInt()).isEqualTo(version + 1);
    }

    @Test
    void marketersAddChangeAndWithdrawOffers() {
        Browser marketer = staffWith("MARKETER");
        String label = unique("<b>Partner week</b> ");
        String offer = """
                {"kind": "basket", "label": {"en": "%s", "fr": "Semaine partenaires"}, "minSubtotal": 50,
                 "discount": {"percentOff": 10}, "currency": "EUR", "channels": ["partner"], "priority": 0,
                 "stackable": true}""".formatted(label);
        assertThat(document(marketer.get("/settings/offers/new"))).contains("\"kind\": \"basket\"");
        HttpResponse<String> created = marketer.postForm("/settings/offers/new", "/settings/offers/new",
                Map.of("document", offer));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        Matcher id = OFFER.matcher(created.headers().firstValue("Location").orElseThrow());
        assertThat(id.find()).isTrue();
        String path = "/settings/offers/" + id.group(1);
        try {
            HttpResponse<String> list = marketer.get("/settings/offers");
            assertThat(list.body()).contains(path, "&lt;b&gt;Partner week").doesNotContain("<b>Partner week");

            String edited = document(marketer.get(path)).replace("\"percentOff\" : 10", "\"percentOff\" : 250");
            HttpResponse<String> refused = marketer.postForm(path, path, Map.of("document", edited));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("discount.percentOff");
            assertThat(json(get("/api/v1/offers/" + id.group(1), BOOTSTRAP_KEY)).path("discount")
                    .path("percentOff").asInt()).isEqualTo(10);

            HttpResponse<String> updated = marketer.postForm(path, path, Map.of("document",
                    edited.replace("\"percentOff\" : 250", "\"percentOff\" : 15")));
            assertThat(updated.statusCode()).as(updated.body()).isEqualTo(302);
            assertThat(json(get("/api/v1/offers/" + id.group(1), BOOTSTRAP_KEY)).path("discount")
                    .path("percentOff").asInt()).isEqualTo(15);
        } finally {
            HttpResponse<String> deleted = marketer.postForm(path + "/delete", path, Map.of());
            assertThat(deleted.statusCode()).isEqualTo(302);
        }
        assertThat(get("/api/v1/offers/" + id.group(1), BOOTSTRAP_KEY).statusCode()).isEqualTo(404);
        assertThat(marketer.get("/settings/offers").body()).doesNotContain(path);
        assertThat(marketer.get("/settings/offers/not-an-id").statusCode()).isEqualTo(400);
    }
}
