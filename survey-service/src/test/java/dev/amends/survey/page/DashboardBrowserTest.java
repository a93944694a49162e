package dev.amends.survey.page;

import dev.amends.common.events.Channel;
import dev.amends.common.events.DisruptionDeclared;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.local.AmendsRealm;
import dev.amends.survey.support.BrowserTest;
import dev.amends.survey.support.Chromium;
import dev.amends.survey.support.Mailbox;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser, signed in through Keycloak: an analyst sees the headline
 * figures with their denominators, the weekly charts each followed by its table and the groups,
 * follows a group's figure to the incidents behind it and on to the case (without the customer's
 * words); an agent reading Norwegian sees the page in Norwegian, no grouping by owner, and the
 * customer's words on the case. Screenshots at 1280 × 800 and 390 × 844 go to target/; axe-core
 * finds no violation on any page.
 */
@QuarkusTest
class DashboardBrowserTest extends BrowserTest {

    private static final String CATEGORY = "dashboard-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String WORDS = "Takk, det ordnet seg til slutt: æøå";
    private static String satisfied;
    private static String dissatisfied;

    @TestHTTPResource("/dashboard")
    URL dashboard;

    @Test
    void anAnalystFollowsAFigureToItsIncidentsAndCase() throws Exception {
        twoAnsweredIncidents();
        UUID disruption = UUID.randomUUID();
        Instant started = Instant.now().minus(Duration.ofDays(2));
        publish(Topics.INCIDENTS, disruption.toString(), 1, new DisruptionDeclared(disruption, "webshop", CATEGORY,
                Severity.HIGH, false, started, null, Instant.now()));
        UUID linked = UUID.randomUUID();
        publish(Topics.INCIDENTS, linked.toString(), 1, new IncidentReported(linked, "webshop", null, Channel.EMAIL,
                "disrupted-" + CATEGORY, Severity.HIGH, false, null, started.plus(Duration.ofHours(1)), "dashboard-disrupted", "en",
                Origin.COMPLAINT, disruption));
        AmendsRealm realm = AmendsTestStack.realm();
        browser = Chromium.open(1280, 800);
        browser.get(dashboard.toString());
        signIn("ana", realm.password("ana"), hostAndPort());

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Recovery dashboard");
        String headline = browser.findElement(By.className("figures")).getText();
        assertThat(headline).contains("Response rate", "Resolved satisfactorily", "Perception gap",
                "Employee too optimistic", "Promises kept", "Median time to first answer").containsPattern("of \\d+ answers");
        assertThat(browser.findElements(By.cssSelector("svg.chart"))).hasSize(3);
        for (WebElement chart : browser.findElements(By.cssSelector("svg.chart"))) {
            WebElement next = chart.findElement(By.xpath("following-sibling::*[1]"));
            assertThat(next.findElements(By.tagName("table"))).as("a table after every chart").hasSize(1);
        }
        assertThat(options()).contains("Owner");
        Chromium.screenshot(browser, "dashboard-analyst-1280.png");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('chart-resolvedSatisfactorilyRate').scrollIntoView()");
        Chromium.screenshot(browser, "dashboard-analyst-charts-1280.png");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('groups').scrollIntoView()");
        Chromium.screenshot(browser, "dashboard-analyst-groups-1280.png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
        Chromium.resize(browser, 390, 844);
        Chromium.screenshot(browser, "dashboard-analyst-390.png");
        assertThat(Chromium.sidewaysScroll(browser)).isZero();
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();

        WebElement group = browser.findElement(By.xpath("//tr[th='" + CATEGORY + "']"));
        for (WebElement cell : group.findElements(By.tagName("td"))) {
            if (!cell.getText().equals("no data")) {
                assertThat(cell.findElements(By.tagName("a"))).as("every figure links: " + cell.getText()).hasSize(1);
            }
        }
        String everyIncident = group.findElement(By.cssSelector("a[href*='figure=incidents']")).getAttribute("href");
        String acknowledged = group.findElement(By.cssSelector("a[href*='figure=acknowledged']")).getAttribute("href");
        for (String behindCount : List.of(everyIncident, acknowledged)) {
            browser.get(behindCount);
            assertThat(browser.findElements(By.cssSelector("tbody a")).stream().map(WebElement::getText))
                    .as(behindCount).containsExactlyInAnyOrder(satisfied, dissatisfied);
        }
        browser.get(dashboard.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            browser.navigate().refresh();
            return !browser.findElements(By.linkText(disruption.toString())).isEmpty();
        });
        browser.findElement(By.linkText(disruption.toString())).click();
        assertThat(browser.findElements(By.cssSelector("tbody a")).stream().map(WebElement::getText))
                .as("the incidents linked to the disruption").containsExactly(linked.toString());
        browser.get(dashboard.toString());
        browser.findElement(By.xpath("//tr[th='" + CATEGORY + "']//a[contains(@href, 'figure=resolvedSatisfactorilyRate')]"))
                .click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("/dashboard/incidents"));
        List<String> listed = browser.findElements(By.cssSelector("tbody a")).stream().map(WebElement::getText).toList();
        assertThat(listed).as("only the YES answer").containsExactly(satisfied);
        Chromium.screenshot(browser, "dashboard-incidents-390.png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();

        browser.findElement(By.linkText(satisfied)).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("/dashboard/cases/" + satisfied));
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Case " + satisfied, "Shown to agents only.").doesNotContain(WORDS);
        Chromium.resize(browser, 1280, 800);
        Chromium.screenshot(browser, "dashboard-case-analyst-1280.png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
    }

    @Test
    void anAgentReadsItInNorwegianWithoutOwnersAndSeesTheCustomersWords() throws Exception {
        twoAnsweredIncidents();
        AmendsRealm realm = AmendsTestStack.realm();
        browser = Chromium.open(390, 844, "nb-NO");
        browser.get(dashboard.toString());
        signIn("ola", realm.password("ola"), hostAndPort());

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashbord for gjenoppretting");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nb");
        assertThat(options()).contains("Kategori").doesNotContain("Ansvarlig");
        Chromium.screenshot(browser, "dashboard-agent-nb-390.png");
        assertThat(Chromium.sidewaysScroll(browser)).isZero();
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
        Chromium.resize(browser, 1280, 800);
        Chromium.screenshot(browser, "dashboard-agent-nb-1280.png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();

        browser.get(dashboard.toString() + "/cases/" + dissatisfied);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(WORDS);
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
        for (String refused : List.of("?groupBy=owner", "?from=yesterday", "?from=2026-01-02&to=2026-01-01",
                "/incidents?figure=averageSpeed", "/incidents?figure=incidents&groupBy=category")) {
            browser.get(dashboard.toString() + refused);
            assertThat(browser.findElement(By.tagName("h1")).getText()).as(refused).isEqualTo("Denne perioden eller grupperingen kan ikke vises");
        }
    }

    /** Once per class: one YES and one NO (with words) in a category of this run, answered now. */
    private void twoAnsweredIncidents() {
        if (satisfied != null) {
            return;
        }
        satisfied = answered("{\"resolvedSatisfactorily\": \"YES\", \"satisfaction\": 5}");
        dissatisfied = answered("{\"resolvedSatisfactorily\": \"NO\", \"satisfaction\": 2, \"comment\": \"" + WORDS + "\"}");
    }

    private String answered(String answer) {
        Customer customer = Customer.fresh();
        String id = report(customer, CATEGORY, Instant.now(), Duration.ofHours(4));
        acknowledge(id, "ola", true);
        resolveAndInviteAs(id, "ola", "YES");
        await().atMost(Duration.ofSeconds(10)).until(() -> Mailbox.of(customer.email()).size() == 1);
        given().contentType(ContentType.JSON).body(answer)
                .post("/surveys/" + Mailbox.of(customer.email()).get(0).token() + "/answer").then().statusCode(200);
        return id;
    }

    private List<String> options() {
        return browser.findElements(By.cssSelector("#groupBy option")).stream().map(WebElement::getText).toList();
    }

    private String hostAndPort() {
        return dashboard.getHost() + ":" + dashboard.getPort();
    }
}
