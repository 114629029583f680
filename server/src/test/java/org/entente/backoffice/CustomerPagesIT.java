package org.entente.backoffice;

import org.entente.support.ApiIT;
import org.entente.support.Browser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding a person and their 360° view, as staff use them through the browser: pages and htmx fragments. */
class CustomerPagesIT extends ApiIT {

    private static final Pattern ENTRY = Pattern.compile("class=\"entry\" data-type=\"([a-z_.]+)\"");

    private String person(String customer, String lastName) {
        ObjectNode identify = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "identify")
                .put("channel", "web");
        identify.putObject("identifiers").put("customerId", customer).put("email", customer + "@example.com");
        identify.putObject("properties").put("firstName", "Maëlle").put("lastName", lastName);
        ObjectNode purchase = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "purchase")
                .put("channel", "store");
        purchase.putObject("identifiers").put("customerId", customer);
        purchase.putObject("properties").put("orderId", customer + "-1").put("total", 25).put("currency", "EUR");
        send(identify, purchase);
        return json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id").asString();
    }

    @Test
    void staffFindAPersonAsTheyTypeAndOpenTheir360View() {
        String customer = unique("bo");
        String lastName = "Zed" + customer.substring(customer.length() - 6);
        String id = person(customer, lastName);
        assertThat(new Browser(base).get("/customers").statusCode()).isEqualTo(302);

        Browser browser = admin();
        String query = URLEncoder.encode(customer + "@exa", StandardCharsets.UTF_8);
        HttpResponse<String> page = browser.get("/customers?q=" + query);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html", "/customers/" + id, lastName);
        HttpResponse<String> fragment = browser.htmx("/customers?q=" + query);
        assertThat(fragment.body()).doesNotContain("<html").contains("id=\"results\"", "/customers/" + id);
        assertThat(browser.htmx("/customers?q=zzzz-nobody-" + UUID.randomUUID()).body()).contains("Nobody matches");
        assertThat(browser.htmx("/customers?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").body())
                .doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");

        HttpResponse<String> view = browser.get("/customers/" + id);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("Maëlle " + lastName, customer + "@example.com", "May we contact this person?",
                "no consent", "25", "Timeline");
        assertThat(entries(view.body())).contains("purchase", "identify");

        HttpResponse<String> french = browser.get("/customers/" + id, "fr");
        assertThat(french.body()).contains("Pouvons-nous contacter cette personne ?", "pas de consentement");
    }

    @Test
    void theTimelineFiltersByChannelAndTypeAndPagesOnScroll() {
        String customer = unique("bo-tl");
        String id = person(customer, "Filter");
        for (int i = 0; i < 30; i++) {
            ObjectNode view = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "page_view")
                    .put("channel", "web");
            view.putObject("identifiers").put("customerId", customer);
            view.putObject("properties").put("url", "https://shop.example/p/" + i);
            send(view);
        }
        Browser browser = admin();
        String store = browser.htmx("/customers/" + id + "/timeline?channel=store").body();
        assertThat(store).doesNotContain("<html").contains("id=\"timeline\"");
        assertThat(entries(store)).containsExactly("purchase");
        assertThat(entries(browser.htmx("/customers/" + id + "/timeline?type=identify").body()))
                .containsExactly("identify");

        String first = browser.htmx("/customers/" + id + "/timeline?channel=web").body();
        assertThat(entries(first)).hasSize(25);
        Matcher more = Pattern.compile("hx-get=\"([^\"]*cursor=[^\"]+)\"").matcher(first);
        assertThat(more.find()).isTrue();
        String next = browser.htmx(more.group(1).replace("&amp;", "&")).body();
        assertThat(entries(next)).hasSize(6).doesNotContain("purchase");
        assertThat(next).doesNotContain("hx-trigger=\"revealed\"");

        assertThat(browser.htmx("/customers/" + id + "/timeline?channel=pigeon").statusCode()).isEqualTo(400);
        assertThat(browser.htmx("/customers/" + id + "/timeline?type=%27%3Bdrop").statusCode()).isEqualTo(400);
        assertThat(browser.get("/customers/not-a-uuid").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = browser.get("/customers/" + UUID.randomUUID());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No such customer");
    }

    private static java.util.List<String> entries(String html) {
        java.util.List<String> types = new java.util.ArrayList<>();
        Matcher matcher = ENTRY.matcher(html);
        while (matcher.find()) {
            types.add(matcher.group(1));
        }
        return types;
    }

    @Test
    void eachRoleSeesWhatItsWorkNeeds() {
        String customer = unique("bo-role");
        String id = person(customer, "Roles");
        String email = customer + "@example.com";
        postJson("/api/v1/outreach/decisions", BOOTSTRAP_KEY, """
                {"profileId": "%s", "channel": "email", "class": "transactional", "idempotencyKey": "%s"}"""
                .formatted(id, UUID.randomUUID()));

        String agent = staffWith("AGENT").get("/customers/" + id).body();
        assertThat(agent).contains(email, "Recent gate verdicts");

        Browser store = staffWith("STORE");
        String till = store.get("/customers/" + id).body();
        assertThat(till).contains(customer, email.charAt(0) + "***@example.com", "May we contact this person?")
                .doesNotContain(email).doesNotContain("Recent gate verdicts");
        assertThat(store.htmx("/customers?q=" + customer).body()).contains("/customers/" + id).doesNotContain(email);

        Browser marketer = staffWith("MARKETER");
        assertThat(marketer.get("/customers?q=" + customer).statusCode()).isEqualTo(403);
        assertThat(marketer.get("/customers/" + id).statusCode()).isEqualTo(403);
        assertThat(marketer.htmx("/customers/" + id + "/timeline").statusCode()).isEqualTo(403);
    }
}
