package dev.amends.intake.rest;

import dev.amends.local.AmendsRealm;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.KeycloakAdmin;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * intake verifies tokens as in production: against a real Keycloak realm's JWKS and issuer. A
 * rotated signing key is taken without a restart and a withdrawn one refused.
 */
@QuarkusTest
@TestProfile(ProviderTokensTest.TrustsKeycloak.class)
class ProviderTokensTest {

    public static class TrustsKeycloak implements QuarkusTestProfile, AmendsTestStack.TrustsIdentityProvider {
    }

    @Test
    void acceptsATokenOfTheRealm() throws Exception {
        given().auth().oauth2(AmendsTestStack.realm().token("agent"))
                .when().get("/incidents")
                .then().statusCode(200);
    }

    @Test
    void refusesAWellSignedTokenOfAnotherRealm() throws Exception {
        String masterAdmin = new KeycloakAdmin(AmendsTestStack.realm()).masterToken();
        given().auth().oauth2(masterAdmin)
                .when().get("/incidents")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void refusesATokenNamingTheRealmAsIssuerSignedByAKeyTheRealmNeverHad() {
        String forged = AmendsTestStack.keys().token(AmendsTestStack.realm().issuer(), "ola", Duration.ofMinutes(10), "agent");
        given().auth().oauth2(forged)
                .when().get("/incidents")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void takesARotatedKeyWithoutARestartAndRefusesTheWithdrawnOne() throws Exception {
        AmendsRealm realm = AmendsTestStack.realm();
        KeycloakAdmin admin = new KeycloakAdmin(realm);
        String signedWithTheOldKey = realm.token("agent");
        String newKey = admin.rotateSigningKey();
        String signedWithTheNewKey = realm.token("agent");
        assertThat(keyId(signedWithTheNewKey)).isNotEqualTo(keyId(signedWithTheOldKey));

        admin.withdrawSigningKeysBut(newKey);

        given().auth().oauth2(signedWithTheNewKey)
                .when().get("/incidents")
                .then().statusCode(200);
        given().auth().oauth2(signedWithTheOldKey)
                .when().get("/incidents")
                .then().statusCode(401).contentType("application/problem+json");
    }

    private static String keyId(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }
}
