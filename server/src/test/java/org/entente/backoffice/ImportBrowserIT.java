package org.entente.backoffice;

import org.entente.support.BrowserIT;
import org.entente.support.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import from the back office in a real browser (Debian's Chromium): choose a CSV file larger than a form may post,
 * start it (the page's script sends it as a plain body), and watch the progress bar that htmx refreshes every second
 * move to the end, then find the link to the refused rows.
 */
class ImportBrowserIT extends BrowserIT {

    private static final int ROWS = 6_000;

    @Test
    void staffUploadACsvFileAndWatchItsProgressToTheEnd(@TempDir Path directory) throws IOException {
        String prefix = unique("SEL-IMP-");
        // Larger than a multipart form may be (10 MB): the page's script sends it as a plain body.
        String note = "n".repeat(1_800);
        StringBuilder csv = new StringBuilder("customerId,email,firstName,lastName,note\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(prefix).append(i).append(',')
                    .append(i % 1000 == 999 ? "broken-address" : prefix.toLowerCase() + i + "@example.com")
                    .append(",Row,Number").append(i).append(',').append(note).append('\n');
        }
        Path file = Files.writeString(directory.resolve("customers.csv"), csv, StandardCharsets.UTF_8);
        assertThat(Files.size(file)).isGreaterThan(10L * 1024 * 1024);

        WebDriverWait wait = signInAsAdmin("en");

        browser.findElement(By.linkText("Imports")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("file"))).sendKeys(file.toString());
        Chromium.screenshot(browser, "imports");
        browser.findElement(By.cssSelector("#upload button[type=submit]")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-progress")));
        Chromium.screenshot(browser, "import-progress");
        // The bar is refreshed in place (no page load) until the import ends; every value it shows is kept.
        List<Integer> seen = new ArrayList<>();
        new WebDriverWait(browser, Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class)
                .pollingEvery(Duration.ofMillis(200)).until(driver -> {
                    int value = Integer.parseInt(driver.findElement(By.id("import-progress")).getAttribute("value"));
                    if (seen.isEmpty() || seen.getLast() != value) {
                        seen.add(value);
                    }
                    return "completed".equals(driver.findElement(By.id("progress")).getAttribute("data-state"));
                });
        assertThat(seen.getLast()).isEqualTo(100);
        assertThat(seen).isSorted();
        assertThat(browser.findElement(By.id("rows-read")).getText()).isEqualTo(Integer.toString(ROWS));
        assertThat(browser.findElement(By.id("rows-rejected")).getText()).isEqualTo(Integer.toString(ROWS / 1000));
        assertThat(browser.findElement(By.id("rejected-download")).getAttribute("href")).endsWith("/rejections.csv");
        Chromium.screenshot(browser, "import-done");
    }
}
