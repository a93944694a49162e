package dev.amends.survey.page;

import dev.amends.local.AmendsRealm;
import dev.amends.survey.support.Chromium;
import dev.amends.survey.support.BrowserTest;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People sign in to the dashboard in a real browser through Keycloak's own sign-in form (the
 * authorization-code flow with PKCE), land back signed in, and sign out again; someone without
 * the dashboard's roles gets the HTML 403. Screenshots at desktop and phone sizes go to target/.
 */
@QuarkusTest
class DashboardSignInBrowserTest extends BrowserTest {

    @TestHTTPResource("/dashboard")
    URL dashboard;


    @Test
    void anAnalystSignsInThroughKeycloakReachesTheDashboardAndSignsOut() throws Exception {
        AmendsRealm realm = AmendsTestStack.realm();
        browser = Chromium.open(1280, 800);
        browser.get(dashboard.toString());
        assertThat(browser.getCurrentUrl()).as("sent to the provider's sign-in, with PKCE")
                .startsWith(realm.issuer() + "/protocol/openid-connect/auth")
                .contains("code_challenge_method=S256");

        signIn("ana", realm.password("ana"));

        assertThat(browser.getCurrentUrl()).isEqualTo(dashboard.toString());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Recovery dashboard");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Signed in as Ana");
        assertThat(browser.manage().getCookies()).extracting(Cookie::getName).filteredOn(name -> name.startsWith("q_session"))
                .as("one session cookie").containsExactly("q_session_pages");
        Cookie session = browser.manage().getCookieNamed("q_session_pages");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.isSecure()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        Chromium.screenshot(browser, "dashboard-signed-in-1280.png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
        Chromium.resize(browser, 390, 844);
        Chromium.screenshot(browser, "dashboard-signed-in-390.png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();

        browser.findElement(By.linkText("Sign out")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/signed-out"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You are signed out");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
        browser.get(dashboard.toString());
        assertThat(browser.getCurrentUrl()).as("signed out at the provider too: a fresh sign-in")
                .startsWith(realm.issuer() + "/protocol/openid-connect/auth");
    }

    @Test
    void someoneWithoutTheDashboardsRolesGetsTheHtml403() throws Exception {
        AmendsRealm realm = AmendsTestStack.realm();
        browser = Chromium.open(390, 844);
        browser.get(dashboard.toString());
        signIn("ada", realm.password("ada"));

        assertThat(browser.getTitle()).isEqualTo("Not for your role");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Ada");
        Chromium.screenshot(browser, "dashboard-forbidden-390.png");
        assertThat(Chromium.accessibilityViolations(browser)).isEmpty();
    }

    private void signIn(String user, String password) {
        signIn(user, password, dashboard.getHost() + ":" + dashboard.getPort());
    }
}
