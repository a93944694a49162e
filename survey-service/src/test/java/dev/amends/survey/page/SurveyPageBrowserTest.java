package dev.amends.survey.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.EventType;
import dev.amends.common.events.SurveyComment;
import dev.amends.common.events.Topics;
import dev.amends.common.validation.RequestSchema;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The survey page in a real browser: Chromium headless, driven by Selenium through chromedriver,
 * answering in Norwegian by clicking the labels a customer sees. Screenshots go to target/.
 */
@QuarkusTest
class SurveyPageBrowserTest extends SurveyTest {

    @TestHTTPResource("/s/")
    URL pages;

    private WebDriver browser;

    @BeforeAll
    static void chromiumIsInstalled() throws Exception {
        Process install = new ProcessBuilder("src/test/browser/ensure-chromium").inheritIO().start();
        assertThat(install.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(install.exitValue()).as("src/test/browser/ensure-chromium").isZero();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aCustomerAnswersInNorwegianBokmalInARealBrowser() throws Exception {
        Customer customer = Customer.fresh();
        String id = report(customer, "nb-NO", true);
        resolveAndInvite(id, "YES", "SUPPLIER");
        String token = Mailbox.of(customer.email()).get(0).token();

        browser = chromium();
        browser.get(pages + token);
        assertThat(browser.getTitle()).isEqualTo("Løste vi problemet ditt?");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nb");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();

        browser.findElement(By.xpath("//label[.='Nei']")).click();
        browser.findElement(By.cssSelector("label[for='satisfaction-2']")).click();
        browser.findElement(By.xpath("//label[.='Mindre fornøyd']")).click();
        browser.findElement(By.xpath("//label[.='Produktet']")).click();
        // The whole 2,000 characters the field allows, most of them æøå: 12,000 bytes once percent-encoded.
        String words = "Stolen er fortsatt feil farge. " + "æøåÆØÅ".repeat(400).substring(0, 2000 - 31);
        browser.findElement(By.id("comment")).sendKeys(words);
        assertThat(browser.findElement(By.id("resolved-no")).isSelected()).isTrue();
        screenshot("survey-page-nb.png");
        WebElement questionPage = browser.findElement(By.tagName("h1"));
        browser.findElement(By.xpath("//button[.='Send svar']")).click();
        // The click returns before the answer page replaces the form; wait for the old page to go.
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(questionPage));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Takk!");
        screenshot("survey-answered-nb.png");
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

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions()
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1000,1600");
        options.setBinary(executable("chromium"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("chromedriver"))).usingAnyFreePort().build();
        return new ChromeDriver(driver, options);
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String executable(String name) {
        for (String folder : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is not on the PATH");
    }
}
