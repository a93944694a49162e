package dev.amends.intake.rest;

import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Where an operator configures an audience, a token of the realm without it (the local realm sets none) is refused. */
@QuarkusTest
@TestProfile(ProviderAudienceTest.ExpectsAnAudience.class)
class ProviderAudienceTest {

    public static class ExpectsAnAudience implements QuarkusTestProfile, AmendsTestStack.TrustsIdentityProvider {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.audiences", "amends-intake");
        }
    }

    @Test
    void refusesATokenOfTheRealmWithoutTheConfiguredAudience() throws Exception {
        given().auth().oauth2(AmendsTestStack.realm().token("agent"))
                .when().get("/incidents")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
