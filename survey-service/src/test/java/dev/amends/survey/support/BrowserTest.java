package dev.amends.survey.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/** A survey test in a real browser ({@link Chromium}): installed before the class, closed after each test. */
public abstract class BrowserTest extends SurveyTest {

    protected WebDriver browser;

    @BeforeAll
    static void chromiumIsInstalled() throws Exception {
        Chromium.ensureInstalled();
    }

    /** Signs in on Keycloak's own form (the browser was sent there) and waits to be back on {@code host:port}. */
    protected void signIn(String user, String password, String hostAndPort) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(hostAndPort));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }
}
