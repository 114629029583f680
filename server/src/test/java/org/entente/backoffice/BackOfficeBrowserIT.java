package org.entente.backoffice;

import org.entente.support.BrowserIT;
import org.entente.support.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back office in a real browser (Debian's Chromium): staff sign in, find a person as they type, open the 360° view
 * and filter the timeline, with htmx doing its part. Screenshots go to {@code target/screenshots}.
 */
class BackOfficeBrowserIT extends BrowserIT {

    @Test
    void staffSignInFindAPersonOpenTheir360ViewAndFilterTheTimeline() {
        String customer = unique("sel");
        String lastName = "Selenium" + customer.substring(customer.length() - 5);
        ObjectNode identify = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "identify")
                .put("channel", "web");
        identify.putObject("identifiers").put("customerId", customer).put("email", customer + "@example.com");
        identify.putObject("properties").put("firstName", "Inès").put("lastName", lastName);
        ObjectNode purchase = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "purchase")
                .put("channel", "store");
        purchase.putObject("identifiers").put("customerId", customer);
        purchase.putObject("properties").put("orderId", customer + "-1").put("total", 42).put("currency", "EUR");
        send(identify, purchase);

        WebDriverWait wait = signInAsAdmin("en");

        browser.findElement(By.linkText("Customers")).click();
        WebElement search = wait.until(ExpectedConditions.elementToBeClickable(By.id("q")));
        search.sendKeys(lastName);
        // htmx asks as the staff member types and swaps the results in, without a page load.
        WebElement found = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#results a.person")));
        assertThat(found.getText()).contains("Inès " + lastName);
        assertThat(browser.getCurrentUrl()).contains("q=");
        Chromium.screenshot(browser, "customers-search");
        found.click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Inès " + lastName));
        assertThat(browser.findElement(By.id("contact-title")).getText()).isEqualTo("May we contact this person?");
        assertThat(types()).contains("purchase", "identify");
        Chromium.screenshot(browser, "customer-360");

        new Select(browser.findElement(By.id("channel"))).selectByValue("store");
        // htmx swaps the timeline: elements read during the swap go stale, and are read again.
        wait.ignoring(StaleElementReferenceException.class).until(driver -> types().equals(List.of("purchase")));
        assertThat(new Select(browser.findElement(By.id("channel"))).getFirstSelectedOption().getText())
                .isEqualTo("store");
        Chromium.screenshot(browser, "customer-360-timeline-store");

        // The other pages an administrator works in, for the record.
        for (String page : List.of("/", "/settings/loyalty-program", "/settings/offers", "/settings/contact-policy",
                "/admin/staff", "/admin/api-keys", "/admin/audit")) {
            browser.get(base + page);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
            assertThat(browser.findElements(By.cssSelector(".alert.error"))).isEmpty();
            Chromium.screenshot(browser, "page" + (page.equals("/") ? "-home" : page.replace('/', '-')));
        }
    }

    private List<String> types() {
        return browser.findElements(By.cssSelector("#timeline li.entry"))
                .stream().map(entry -> entry.getAttribute("data-type")).toList();
    }
}
