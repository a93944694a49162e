package dev.amends.survey.support;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser tests' accessibility check finds what is wrong: an empty answer means something. */
class ChromiumTest {

    @Test
    void axeCoreFindsAnImageWithoutAlternativeText() throws Exception {
        Chromium.ensureInstalled();
        WebDriver browser = Chromium.open(390, 844);
        try {
            browser.get("data:text/html,<!DOCTYPE html><html lang=en><title>t</title><main><img src=a.png></main></html>");
            assertThat(Chromium.accessibilityViolations(browser)).anyMatch(violation -> violation.startsWith("image-alt"));
        } finally {
            browser.quit();
        }
    }
}
