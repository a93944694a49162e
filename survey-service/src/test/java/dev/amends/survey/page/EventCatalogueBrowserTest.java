package dev.amends.survey.page;

import dev.amends.common.events.EventType;
import dev.amends.survey.support.BrowserTest;
import dev.amends.survey.support.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The event catalogue page every service serves at /q/asyncapi, for analysts, in a real browser. */
@QuarkusTest
class EventCatalogueBrowserTest extends BrowserTest {

    @TestHTTPResource("/q/asyncapi")
    URL catalogue;

    @ParameterizedTest
    @CsvSource({"1280, 800, desktop", "390, 844, phone"})
    void showsEveryTopicAndEventTypeWithoutScriptOrSidewaysScrolling(int width, int height, String size) throws Exception {
        browser = Chromium.open(width, height);
        browser.get(catalogue.toString());
        assertThat((Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;")).isEqualTo(width);

        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Amends events");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        for (EventType type : EventType.values()) {
            assertThat(browser.findElements(By.xpath("//h3[.='" + type.type() + "']"))).as(type.type()).hasSize(1);
        }
        browser.findElement(By.linkText("amends.survey-comments.v1")).click();
        assertThat(browser.getCurrentUrl()).endsWith("#surveyComments");
        assertThat(browser.findElement(By.id("surveyComments")).getText()).isEqualTo("amends.survey-comments.v1");
        Chromium.screenshot(browser, "event-catalogue-" + size + ".png");
        browser.get(catalogue + "#caseOpened");
        Chromium.screenshot(browser, "event-catalogue-case-opened-" + size + ".png");
        assertThat(Chromium.sidewaysScroll(browser)).as("sideways scrolling in CSS pixels").isLessThanOrEqualTo(0);
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
    }

    @Test
    void servesTheDocumentAndTheSchemasItsReferencesPointTo() {
        String document = given().when().get("/q/asyncapi/amends-events.yaml")
                .then().statusCode(200).contentType(containsString("application/yaml")).extract().asString();
        assertThat(document).contains("asyncapi: 3.1.0", "$ref: '../schemas/events/dev.amends.case.opened.v1.json'");

        given().when().get("/q/schemas/events/dev.amends.case.opened.v1.json")
                .then().statusCode(200).body("title", equalTo("dev.amends.case.opened.v1"));
        given().when().get("/q/schemas/comments/amends.survey-comments.v1.json").then().statusCode(200);
        given().when().get("/q/schemas/requests/answer.json").then().statusCode(404);
        given().when().get("/q/schemas/events/..%2F..%2Fapplication.properties").then().statusCode(404);
    }
}
