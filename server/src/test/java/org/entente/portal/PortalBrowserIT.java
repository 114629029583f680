package org.entente.portal;

import jakarta.mail.internet.MimeMessage;
import org.entente.support.BrowserIT;
import org.entente.support.Chromium;
import org.entente.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer portal in a real browser (Debian's Chromium): a customer asks for a sign-in link, receives it by
 * email (GreenMail), opens it, pauses everything for a month in the preference center (saved at once, by htmx), and the
 * gate holds back an email from then on with the reason {@code paused}.
 */
class PortalBrowserIT extends BrowserIT {

    @Test
    void aCustomerSignsInByEmailAndPausesEverythingForAMonth() throws Exception {
        String customer = unique("me");
        String email = customer + "@example.com";
        ObjectNode identify = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "identify")
                .put("channel", "web");
        identify.putObject("identifiers").put("customerId", customer).put("email", email);
        identify.putObject("properties").put("firstName", "Céleste");
        send(identify);
        String id = json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id")
                .asString();

        browser = Chromium.start("en");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(base + "/me");
        wait.until(ExpectedConditions.urlContains("/me/sign-in"));
        browser.findElement(By.id("email")).sendKeys(email);
        Chromium.screenshot(browser, "portal-sign-in");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                "on its way"));

        List<MimeMessage> mails = Mailbox.await(email, 1, Duration.ofSeconds(15));
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getSubject()).isEqualTo("Your sign-in link");
        Matcher link = PortalIT.LINK.matcher((String) mails.getFirst().getContent());
        assertThat(link.find()).isTrue();
        browser.get(link.group(1));
        browser.findElement(By.id("confirm")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Hello Céleste"));
        Chromium.screenshot(browser, "portal-me");

        Instant before = Instant.now();
        new Select(browser.findElement(By.id("pause"))).selectByValue("30");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#preferences [role=status]"),
                "Saved"));
        Chromium.screenshot(browser, "portal-paused");

        JsonNode preferences = json(get("/api/v1/profiles/" + id + "/preferences", BOOTSTRAP_KEY));
        Instant pausedUntil = Instant.parse(preferences.path("pausedUntil").asString());
        assertThat(pausedUntil).isBetween(before.plus(Duration.ofDays(30)).minusSeconds(5),
                Instant.now().plus(Duration.ofDays(30)).plusSeconds(5));
        HttpResponse<String> decision = postJson("/api/v1/outreach/decisions", BOOTSTRAP_KEY, """
                {"profileId": "%s", "channel": "email", "class": "service", "topic": "news",
                 "idempotencyKey": "%s"}""".formatted(id, UUID.randomUUID()));
        JsonNode verdict = json(decision);
        assertThat(verdict.path("verdict").asString()).isEqualTo("defer");
        assertThat(verdict.path("reasons")).extracting(JsonNode::asString).containsExactly("paused");
        assertThat(Instant.parse(verdict.path("deferUntil").asString())).isEqualTo(pausedUntil);
        // The change is recorded as the customer's own, through the web.
        JsonNode change = json(get("/api/v1/profiles/" + id + "/preferences/history", BOOTSTRAP_KEY)).path("items")
                .get(0);
        assertThat(change.path("actor").asString()).isEqualTo("customer:" + id);
        assertThat(change.path("source").asString()).isEqualTo("web");
    }
}
