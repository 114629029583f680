package org.entente.backoffice;

import org.entente.support.ApiIT;
import org.entente.support.Browser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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
    private static final Pattern INPUT = Pattern.compile("<input[^>]*?name=\"([^\"]+)\"[^>]*?value=\"([^\"]*)\"");
    private static final Pattern COUNTRIES = Pattern.compile(
            "<textarea[^>]*name=\"quietHours.countries\"[^>]*>([^<]*)</textarea>", Pattern.DOTALL);
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
        // Faults the mapping finds are said as the API says them: where, in the document's own terms.
        String unknownField = document(browser.get("/settings/loyalty-program"))
                .replaceFirst("\"code\" : ", "\"colour\" : \"gold\", \"code\" : ");
        HttpResponse<String> unknown = browser.postForm("/settings/loyalty-program", "/settings/loyalty-program",
                Map.of("document", unknownField));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("<code>tiers[0].colour</code>").doesNotContain("java.util");
        HttpResponse<String> nothing = browser.postForm("/settings/loyalty-program?lang=en",
                "/settings/loyalty-program", Map.of("document", "null"));
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(nothing.body()).contains("not null");
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
        assertThat(policy.body()).contains("Most messages per person", "<fieldset class=\"card\" disabled=\"disabled\">")
                .doesNotContain(">Save</button>");
        assertThat(marketer.postForm("/settings/contact-policy", "/settings/contact-policy",
                Map.of("document", "{}")).statusCode()).isEqualTo(403);
        assertThat(marketer.postForm("/settings/loyalty-program", "/settings/loyalty-program",
                Map.of("document", "{}")).statusCode()).isEqualTo(403);
        assertThat(staffWith("AGENT").get("/settings/offers").statusCode()).isEqualTo(403);
        assertThat(staffWith("STORE").get("/settings/contact-policy").statusCode()).isEqualTo(403);
    }

    /** The form's inputs as a browser would post them back: every name with its value. */
    private static Map<String, String> inputs(HttpResponse<String> page) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        Matcher input = INPUT.matcher(page.body());
        while (input.find()) {
            values.put(input.group(1), org.springframework.web.util.HtmlUtils.htmlUnescape(input.group(2)));
        }
        Matcher countries = COUNTRIES.matcher(page.body());
        assertThat(countries.find()).isTrue();
        values.put("quietHours.countries", org.springframework.web.util.HtmlUtils.htmlUnescape(countries.group(1)));
        return values;
    }

    @Test
    void theContactPolicyIsAFormSavedAsTheApiSavesIt() {
        Browser browser = admin();
        JsonNode original = json(get("/api/v1/outreach/policy", BOOTSTRAP_KEY));
        int version = original.path("version").asInt();
        try {
            HttpResponse<String> page = browser.get("/settings/contact-policy");
            assertThat(page.statusCode()).isEqualTo(200);
            Map<String, String> form = inputs(page);
            assertThat(form).containsKeys("version", "channels.email.maxPerWeek", "overall.maxPerDay",
                    "topics.news.maxPerMonth", "quietHours.from", "fatigue.daysAfterComplaint");
            assertThat(form.get("version")).isEqualTo(Integer.toString(version));

            // Generous limits, so that the other tests sharing this database are not held back meanwhile.
            form.put("channels.sms.maxPerWeek", "500");
            form.put("topics.news.maxPerMonth", "900");
            // Country hours need the general ones beside them (the service says so): a minute in the night.
            form.put("quietHours.from", "03:00");
            form.put("quietHours.to", "03:01");
            form.put("quietHours.countries", form.get("quietHours.countries") + "\nis 3:00-3:30\n");
            HttpResponse<String> saved = browser.postForm("/settings/contact-policy", "/settings/contact-policy", form);
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
            JsonNode policy = json(get("/api/v1/outreach/policy", BOOTSTRAP_KEY));
            assertThat(policy.path("version").asInt()).isEqualTo(version + 1);
            assertThat(policy.path("channels").path("sms").path("maxPerWeek").asInt()).isEqualTo(500);
            assertThat(policy.path("topics").path("news").path("maxPerMonth").asInt()).isEqualTo(900);
            assertThat(policy.path("quietHours").path("countries").path("IS").path("from").asString())
                    .isEqualTo("03:00");
            assertThat(inputs(browser.get("/settings/contact-policy")).get("channels.sms.maxPerWeek")).isEqualTo("500");

            // The same form again is based on a version that is not the latest any more.
            HttpResponse<String> stale = browser.postForm("/settings/contact-policy", "/settings/contact-policy", form);
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(stale.body()).contains("is not the latest any more");

            Map<String, String> wrong = inputs(browser.get("/settings/contact-policy"));
            wrong.put("channels.email.maxPerDay", "-3");
            wrong.put("overall.maxPerWeek", "three");
            wrong.put("quietHours.countries", "France at night\nZZ 21:00-08:00");
            HttpResponse<String> refused = browser.postForm("/settings/contact-policy?lang=fr",
                    "/settings/contact-policy", wrong);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("id=\"overall.maxPerWeek-error\"", "nombre entier",
                    "id=\"quietHours.countries-error\"", "value=\"three\"", "France at night");
            HttpResponse<String> unknownCountry = browser.postForm("/settings/contact-policy",
                    "/settings/contact-policy", Map.of("version", wrong.get("version"),
                            "quietHours.from", "03:00", "quietHours.to", "03:01", "quietHours.countries", "ZZ 1:00-2:00"));
            assertThat(unknownCountry.statusCode()).isEqualTo(400);
            assertThat(unknownCountry.body()).contains("<code>quietHours.countries.ZZ</code>");
            wrong.put("quietHours.countries", "FR 1:00-2:00\nfr 3:00-4:00");
            HttpResponse<String> twice = browser.postForm("/settings/contact-policy?lang=en",
                    "/settings/contact-policy", wrong);
            assertThat(twice.statusCode()).isEqualTo(400);
            assertThat(twice.body()).contains("FR is written twice");
            wrong.put("overall.maxPerWeek", "");
            wrong.put("quietHours.countries", "");
            HttpResponse<String> outOfRange = browser.postForm("/settings/contact-policy",
                    "/settings/contact-policy", wrong);
            assertThat(outOfRange.statusCode()).isEqualTo(400);
            assertThat(outOfRange.body()).contains("id=\"channels.email.maxPerDay-error\"", "value=\"-3\"");
            assertThat(json(get("/api/v1/outreach/policy", BOOTSTRAP_KEY)).path("version").asInt())
                    .isEqualTo(version + 1);
        } finally {
            ObjectNode restored = ((ObjectNode) original.deepCopy()).put("version",
                    json(get("/api/v1/outreach/policy", BOOTSTRAP_KEY)).path("version").asInt());
            HttpResponse<String> put = send(request("/api/v1/outreach/policy", BOOTSTRAP_KEY)
                    .header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(restored.toString())));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        }
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
