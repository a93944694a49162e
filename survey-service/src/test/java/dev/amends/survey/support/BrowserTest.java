package dev.amends.survey.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebDriver;

/** A survey test in a real browser ({@link Chromium}): installed before the class, closed after each test. */
public abstract class BrowserTest extends SurveyTest {

    protected WebDriver browser;

    @BeforeAll
    static void chromiumIsInstalled() throws Exception {
        Chromium.ensureInstalled();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }
}
