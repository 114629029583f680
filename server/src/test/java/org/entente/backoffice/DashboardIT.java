package org.entente.backoffice;

import org.entente.support.ApiIT;
import org.entente.support.Eventually;
import org.entente.support.Browser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home dashboard as staff read it: the charts hold the figures of what was sent through the API (the database is
 * shared with other tests: counts are at least what this test sent), in English and French, and not for store staff.
 */
class DashboardIT extends ApiIT {

    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL);

    private ObjectNode event(String customer, String channel, Instant occurredAt) {
        ObjectNode event = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "page_view")
                .put("channel", channel).put("occurredAt", occurredAt.toString());
        event.putObject("identifiers").put("customerId", customer);
        event.putObject("properties").put("url", "https://shop.example/dashboard");
        return event;
    }

    /** A first purchase: the person joins the loyalty program, with no tier yet. */
    private void purchase(String customer) {
        ObjectNode purchase = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "purchase")
                .put("channel", "store");
        purchase.putObject("identifiers").put("customerId", customer);
        purchase.putObject("properties").put("orderId", customer + "-1").put("total", 30).put("currency", "EUR");
        send(purchase);
    }

    @Test
    void adminsSeeWhatHappenedInTheLast30Days() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String customer = unique("dash");
        purchase(unique("dash-buyer"));
        send(event(customer, "partner", now), event(customer, "partner", now), event(customer, "partner", now),
                event(customer, "store", now));
        String id = json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id")
                .asString();
        JsonNode decision = json(postJson("/api/v1/outreach/decisions", BOOTSTRAP_KEY, """
                {"profileId": "%s", "channel": "email", "class": "marketing", "topic": "offers",
                 "idempotencyKey": "%s"}""".formatted(id, UUID.randomUUID())));
        assertThat(decision.path("verdict").asString()).isNotEqualTo("allow");
        String reason = decision.path("reasons").get(0).asString();

        Browser admin = new Browser(base);
        assertThat(admin.login("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        String sentOn = LocalDate.ofInstant(now, ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("MMM d",
                Locale.ENGLISH));
        // The figures shown are those last counted; they are counted again in the background when a second old.
        HttpResponse<String> home = Eventually.await(() -> admin.get("/", "en"),
                shown -> shows(shown.body(), sentOn, 3) && shown.body().contains("No tier"), Duration.ofSeconds(15));
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Server-Timing").orElseThrow()).startsWith("app;dur=");
        String page = home.body();
        assertThat(page).contains("Welcome, admin", "Administrator", "hx-get=\"/fragments/status\"",
                "/swagger-ui.html", "The last 30 days", "days counted in UTC", "figures as counted at");

        String events = section(page, "events");
        assertThat(events).contains("<svg", "viewBox=\"0 0 600 240\"", "role=\"img\"", "aria-labelledby=\"events-title\"",
                "<title id=\"events-title\">Events per day, by channel</title>", "class=\"legend\"");
        List<List<String>> byDay = table(events);
        assertThat(byDay.getFirst()).contains("Day", "Partner", "Total");
        assertThat(byDay).hasSize(31);
        assertThat(count(byDay, sentOn, "Partner")).isGreaterThanOrEqualTo(3);
        assertThat(count(byDay, sentOn, "Store")).isGreaterThanOrEqualTo(1);
        assertThat(count(byDay, sentOn, "Total")).isGreaterThanOrEqualTo(4);

        // A customer id makes a prospect, first seen today.
        List<List<String>> persons = table(section(page, "persons"));
        assertThat(persons.getFirst()).containsExactly("Stage today", "Persons");
        assertThat(persons).extracting(row -> row.getFirst()).contains("anonymous", "prospect", "customer", "lapsed");
        assertThat(count(persons, "prospect", "Persons")).isGreaterThanOrEqualTo(1);

        List<List<String>> tiers = table(section(page, "tiers"));
        assertThat(tiers).extracting(row -> row.getFirst()).contains("No tier", "Member", "Insider");

        String verdicts = section(page, "verdicts");
        assertThat(verdicts).containsPattern("\\d+ allowed, \\d+ deferred, \\d+ denied in these 30 days");
        List<List<String>> reasons = table(verdicts);
        assertThat(reasons.getFirst()).containsExactly("Reason", "Denied", "Deferred", "Total");
        String words = ResourceBundle.getBundle("i18n/messages", Locale.ROOT).getString("bo.reason." + reason);
        assertThat(count(reasons, words, "Total")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theDashboardSpeaksFrench() {
        purchase(unique("dash-fr"));
        Browser marketer = staffWith("MARKETER");
        // Figures counted before there was anything to count are counted again in the background: wait for them.
        String page = Eventually.await(() -> marketer.get("/", "fr").body(), body -> body.contains("Sans palier"),
                Duration.ofSeconds(15));
        assertThat(page).contains("<html lang=\"fr\"", "Les 30 derniers jours", "Événements par jour, par canal",
                "Nouvelles personnes, par étape du cycle de vie", "Membres par palier", "Sans palier",
                "Verdicts de la porte, par raison", "Les chiffres");
        assertThat(table(section(page, "persons")).getFirst()).containsExactly("Étape aujourd&#39;hui", "Personnes");
    }

    @Test
    void storeStaffSeeTheHomeWithoutCharts() {
        Browser store = staffWith("STORE");
        HttpResponse<String> home = store.get("/", "en");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Welcome, ", "Store staff", "hx-get=\"/fragments/status\"")
                .doesNotContain("<svg", "The last 30 days", "id=\"dashboard\"");

        assertThat(staffWith("AGENT").get("/", "en").body()).contains("id=\"dashboard\"", "<svg");
    }

    /** The chart section with this id. */
    private static String section(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as("section " + id).isPositive();
        return page.substring(start, page.indexOf("</section>", start));
    }

    /** The rows of the section's figures, the header first, each as its cells' text. */
    private static List<List<String>> table(String section) {
        int start = section.indexOf("<table");
        assertThat(start).as("a table of the figures").isPositive();
        String table = section.substring(start, section.indexOf("</table>", start));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    /** Does the page show at least this many partner events on this day (false while the column is not there)? */
    private static boolean shows(String page, String day, long partnerEvents) {
        try {
            return count(table(section(page, "events")), day, "Partner") >= partnerEvents;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    private static long count(List<List<String>> rows, String rowLabel, String column) {
        int index = rows.getFirst().indexOf(column);
        assertThat(index).as("column " + column + " in " + rows.getFirst()).isPositive();
        return rows.stream().skip(1).filter(row -> row.getFirst().equals(rowLabel)).findFirst()
                .map(row -> Long.parseLong(row.get(index)))
                .orElseThrow(() -> new AssertionError("no row " + rowLabel + " in " + rows));
    }
}
