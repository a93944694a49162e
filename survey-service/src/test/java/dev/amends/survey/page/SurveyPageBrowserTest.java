package dev.amends.survey.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.EventType;
import dev.amends.common.events.SurveyComment;
import dev.amends.common.events.Topics;
import dev.amends.common.validation.RequestSchema;
import dev.amends.survey.support.Chromium;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.BrowserTest;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The survey page in a real browser: Chromium headless, driven by Selenium through chromedriver,
 * answering in Norwegian by clicking the labels a customer sees, on a phone and on a desktop (no
 * sideways scrolling, 24 × 24 px choices, axe-core). Screenshots go to target/.
 */
@QuarkusTest
class SurveyPageBrowserTest extends BrowserTest {

    @TestHTTPResource("/s/")
    URL pages;


    @ParameterizedTest
    @CsvSource({"360, 740, phone", "1280, 800, desktop"})
    void aCustomerAnswersInNorwegianBokmalInARealBrowser(int width, int height, String size) throws Exception {
        Customer customer = Customer.fresh();
        String id = report(customer, "nb-NO", true);
        resolveAndInvite(id, "YES", "SUPPLIER");
        String token = Mailbox.of(customer.email()).get(0).token();

        browser = Chromium.open(width, height);
        browser.get(pages + token);
        assertThat(browser.getTitle()).isEqualTo("Løste vi problemet ditt?");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nb");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(Chromium.sidewaysScroll(browser)).as("sideways scrolling in CSS pixels").isLessThanOrEqualTo(0);
        for (WebElement choice : browser.findElements(By.cssSelector("input[type=radio]"))) {
            assertThat(choice.getSize().getWidth()).as(choice.getAttribute("id")).isGreaterThanOrEqualTo(24);
            assertThat(choice.getSize().getHeight()).as(choice.getAttribute("id")).isGreaterThanOrEqualTo(24);
        }
        Chromium.screenshot(browser, "survey-page-nb-" + size + ".png");

        browser.findElement(By.xpath("//label[.='Nei']")).click();
        browser.findElement(By.cssSelector("label[for='satisfaction-2']")).click();
        browser.findElement(By.xpath("//label[.='Mindre fornøyd']")).click();
        browser.findElement(By.xpath("//label[.='Produktet']")).click();
        // The whole 2,000 characters the field allows, most of them æøå: 12,000 bytes once percent-encoded.
        String words = "Stolen er fortsatt feil farge. " + "æøåÆØÅ".repeat(400).substring(0, 2000 - 31);
        browser.findElement(By.id("comment")).sendKeys(words);
        assertThat(browser.findElement(By.id("resolved-no")).isSelected()).isTrue();
        assertThat(Chromium.sidewaysScroll(browser)).as("sideways scrolling with the comment written").isLessThanOrEqualTo(0);
        Chromium.screenshot(browser, "survey-page-nb-answered-" + size + ".png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
        browser.findElement(By.xpath("//button[.='Send svar']")).click();
        // The click returns before the answer page replaces the form (waiting for the old element to go
        // stale races Chromium's own clean-up of it): wait for the new page's heading.
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.tagName("h1"), "Takk!"));

        Chromium.screenshot(browser, "survey-thanks-nb-" + size + ".png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
        JsonNode answered = surveyEvents(id, 2).get(1);
        assertThat(answered.get("type").asText()).isEqualTo(EventType.SURVEY_ANSWERED.type());
        assertThat(answered.at("/data/resolvedSatisfactorily").asText()).isEqualTo("NO");
        assertThat(answered.at("/data/satisfaction").asInt()).isEqualTo(2);
        assertThat(answered.at("/data/comparedToBefore").asText()).isEqualTo("LESS");
        assertThat(answered.at("/data/cause").asText()).isEqualTo("PRODUCT");
        assertThat(answered.at("/data/comment").isNull()).as("the words travel on the comments topic alone").isTrue();
        String invitation = answered.at("/data/invitationId").asText();
        try (TopicReader comments = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.COMMENTS)) {
            JsonNode comment = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    comments.await(TopicReader.key(invitation), 1, Duration.ofSeconds(30)).get(0).value());
            assertThat(RequestSchema.load(SurveyComment.SCHEMA).violations(comment.toString())).isEmpty();
            assertThat(comment.get("comment").asText()).isEqualTo(words).hasSize(2000);
            assertThat(comment.get("incidentId").asText()).isEqualTo(id);
            assertThat(comment.get("attempt").asInt()).isEqualTo(1);
        }
    }
}
