package dev.amends.survey.page;

import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.restassured.matcher.RestAssuredMatchers.detailedCookie;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The pages' session at the HTTP level: no session or a forged one means a fresh sign-in at the
 * provider, never an error; the APIs beside them keep answering bearer tokens with 401 problems.
 */
@QuarkusTest
class DashboardSessionTest {

    @Test
    void aPageWithoutASessionRedirectsToTheProvidersSignIn() {
        given().redirects().follow(false)
                .when().get("/dashboard")
                .then().statusCode(302)
                .header("Location", startsWith(AmendsTestStack.realm().issuer() + "/protocol/openid-connect/auth"));
    }

    @Test
    void aForgedSessionCookieIsDroppedForAFreshSignInNotAnError() {
        given().redirects().follow(false).cookie("q_session_pages", "eyJhbGciOiJkaXIifQ.forged.session")
                .when().get("/dashboard")
                .then().statusCode(303)
                .header("Location", endsWith("/dashboard"))
                .cookie("q_session_pages", detailedCookie().maxAge(0));
    }

    @Test
    void theApisBesideThePagesAnswerAMissingTokenWith401() {
        given().redirects().follow(false).queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-02-01T00:00:00Z")
                .when().get("/reports/recovery")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }
}
