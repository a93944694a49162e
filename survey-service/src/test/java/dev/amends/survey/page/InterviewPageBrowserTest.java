package dev.amends.survey.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.survey.repository.InterviewState;
import dev.amends.survey.support.BrowserTest;
import dev.amends.survey.support.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exit interview page in a real browser, in Swedish, on a phone and on a desktop: no
 * JavaScript, no sideways scrolling, 24 × 24 px choices, a visible focus, axe-core; answered by
 * clicking the labels a customer sees. Screenshots go to target/.
 */
@QuarkusTest
class InterviewPageBrowserTest extends BrowserTest {

    @TestHTTPResource("/i/")
    URL pages;

    @ParameterizedTest
    @CsvSource({"320, 640, phone", "1280, 800, desktop"})
    void aLapsedCustomerAnswersInSwedishInARealBrowser(int width, int height, String size) throws Exception {
        Customer customer = Customer.fresh();
        String incident = report(customer, "sv-SE", true);
        String token = mailedInterview(customer);

        browser = Chromium.open(width, height);
        browser.get(pages + token);
        assertThat(browser.getTitle()).isEqualTo("Varför lämnade du oss?");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("sv");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(Chromium.sidewaysScroll(browser)).as("sideways scrolling in CSS pixels").isLessThanOrEqualTo(0);
        for (WebElement choice : browser.findElements(By.cssSelector("input[type=radio]"))) {
            assertThat(choice.getSize().getWidth()).as(choice.getAttribute("id")).isGreaterThanOrEqualTo(24);
            assertThat(choice.getSize().getHeight()).as(choice.getAttribute("id")).isGreaterThanOrEqualTo(24);
        }
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.activeElement).outlineStyle")).as("the focus is visible").isNotEqualTo("none");
        Chromium.screenshot(browser, "interview-page-sv-" + size + ".png");

        browser.findElement(By.xpath("//label[.='Hur vi hanterade ett problem du hade']")).click();
        browser.findElement(By.cssSelector("label[for='weight-4']")).click();
        browser.findElement(By.xpath("//label[.='Ja, ni får kontakta mig']")).click();
        String words = "Ingen ringde tillbaka. " + "åäöÅÄÖ".repeat(400).substring(0, 2000 - 23);
        browser.findElement(By.id("comment")).sendKeys(words);
        assertThat(Chromium.sidewaysScroll(browser)).as("sideways scrolling with the comment written").isLessThanOrEqualTo(0);
        Chromium.screenshot(browser, "interview-page-sv-answered-" + size + ".png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
        browser.findElement(By.xpath("//button[.='Skicka svar']")).click();
        // The click returns before the thank-you page replaces the form.
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.tagName("h1"), "Tack!"));

        Chromium.screenshot(browser, "interview-thanks-sv-" + size + ".png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
        assertThat(interviews(customer).get(0).state).isEqualTo(InterviewState.ANSWERED);
        JsonNode answered = surveyEvents(incident, 2).stream()
                .filter(event -> event.get("type").asText().equals("dev.amends.interview.answered.v1")).findFirst().orElseThrow();
        assertThat(answered.at("/data/reason").asText()).isEqualTo("INCIDENT_HANDLING");
        assertThat(answered.at("/data/incidentWeight").asInt()).isEqualTo(4);
        assertThat(answered.at("/data/mayContact").asBoolean()).isTrue();
        assertThat(answered.at("/data/hasComment").asBoolean()).isTrue();
    }
}
