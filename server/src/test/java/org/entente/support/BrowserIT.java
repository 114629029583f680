package org.entente.support;

import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/** Base of the tests that drive Debian's Chromium ({@link Chromium}) through the application: one browser per test. */
public abstract class BrowserIT extends ApiIT {

    /** The test's browser, once it has started one; quit after the test. */
    protected WebDriver browser;

    @AfterEach
    void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Starts the browser in this language and signs the bootstrap administrator in through the login form. */
    protected WebDriverWait signInAsAdmin(String language) {
        browser = Chromium.start(language);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        browser.get(base + "/login");
        Chromium.screenshot(browser, "login");
        browser.findElement(By.name("username")).sendKeys("admin");
        browser.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/"));
        return wait;
    }
}
