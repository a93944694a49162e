package dev.amends.survey.page;

import dev.amends.survey.support.BrowserTest;
import dev.amends.survey.support.Chromium;
import dev.amends.survey.support.Mailbox;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The opt-out pages in a real browser, on a phone and on a desktop, in the customer's language, with axe-core. */
@QuarkusTest
class OptOutPageBrowserTest extends BrowserTest {

    @TestHTTPResource("/s/")
    URL pages;

    @ParameterizedTest
    @CsvSource({"360, 740, phone", "1280, 800, desktop"})
    void aCustomerOptsOutFromTheLinkInTheMail(int width, int height, String size) throws Exception {
        Customer customer = Customer.fresh();
        String id = report(customer, "sv-SE", true);
        resolveAndInvite(id, "YES", "SUPPLIER");
        String token = Mailbox.of(customer.email()).get(0).token();

        browser = Chromium.open(width, height);
        browser.get(pages + token + "/opt-out");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("sv");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Inga fler enkäter?");
        assertThat(Chromium.sidewaysScroll(browser)).isLessThanOrEqualTo(0);
        Chromium.screenshot(browser, "opt-out-sv-" + size + ".png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
        browser.findElement(By.xpath("//button[.='Stoppa enkäterna']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBe(By.tagName("h1"), "Du får inga fler enkäter"));

        Chromium.screenshot(browser, "opted-out-sv-" + size + ".png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
    }
}
