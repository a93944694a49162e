package dev.amends.survey.invitation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.local.AmendsRealm;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.KeycloakAdmin;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * survey-service renews its own token a minute before it expires: with the provider's tokens for
 * it shortened to 75 s, a look-up 20 s after the first presents a new token, asked for while the
 * old one was still valid.
 */
@QuarkusTest
@TestProfile(OwnTokenRenewalTest.FreshClient.class)
class OwnTokenRenewalTest extends SurveyTest {

    /** A service of its own: its first token is one of the shortened ones. */
    public static class FreshClient implements QuarkusTestProfile {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void restoreTheRealmsLifespan() throws Exception {
        new KeycloakAdmin(AmendsTestStack.realm()).setAccessTokenLifespan(AmendsRealm.SURVEY_CLIENT, null);
    }

    @Test
    void aTokenIsRenewedBeforeItExpires() throws Exception {
        new KeycloakAdmin(AmendsTestStack.realm()).setAccessTokenLifespan(AmendsRealm.SURVEY_CLIENT, Duration.ofSeconds(75));
        int before = tokensSeen().size();

        mailedSurvey(Customer.fresh(), false);
        Thread.sleep(20_000); // past the first token's lifetime less the minute's margin
        mailedSurvey(Customer.fresh(), false);

        List<JsonNode> seen = tokensSeen().subList(before, tokensSeen().size());
        assertThat(seen).hasSize(2);
        JsonNode first = seen.get(0);
        JsonNode second = seen.get(1);
        assertThat(first.get("exp").asLong() - first.get("iat").asLong()).isEqualTo(75);
        assertThat(second.get("jti").asText()).as("a new token").isNotEqualTo(first.get("jti").asText());
        assertThat(second.get("iat").asLong()).as("asked for before the first one expired")
                .isLessThan(first.get("exp").asLong());
    }

    private static List<JsonNode> tokensSeen() throws Exception {
        String lines = given().baseUri(url("intake-service")).get("/tokens-seen").then().statusCode(200)
                .extract().asString();
        List<JsonNode> claims = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (!line.isBlank()) {
                claims.add(JSON.readTree(line));
            }
        }
        return claims;
    }
}
