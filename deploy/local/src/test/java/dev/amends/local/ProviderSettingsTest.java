package dev.amends.local;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the operator's provider settings the run command still needs before it starts anything. */
class ProviderSettingsTest {

    private static final Map<String, String> ALL = Map.of(
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "https://idp.example.com/realms/a/protocol/openid-connect/certs",
            "MP_JWT_VERIFY_ISSUER", "https://idp.example.com/realms/a",
            "QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", "https://idp.example.com/realms/a",
            "QUARKUS_OIDC_CLIENT_CLIENT_ID", "survey-service",
            "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", "s1",
            "QUARKUS_OIDC_PAGES_CREDENTIALS_SECRET", "s2");

    @Test
    void noneSetMeansTheLocalKeycloakAndNothingMissing() {
        assertThat(LocalStack.missingProviderSettings(Map.of("PATH", "/usr/bin"), true)).isEmpty();
    }

    @Test
    void allSetMeansTheOperatorsProviderAndNothingMissing() {
        assertThat(LocalStack.missingProviderSettings(ALL, true)).isEmpty();
    }

    @Test
    void theKeyLocationAloneNamesEveryOtherSetting() {
        assertThat(LocalStack.missingProviderSettings(Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "x"), true))
                .containsExactly("MP_JWT_VERIFY_ISSUER", "QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL",
                        "QUARKUS_OIDC_CLIENT_CLIENT_ID", "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET",
                        "QUARKUS_OIDC_PAGES_CREDENTIALS_SECRET");
    }

    @Test
    void theIssuerAloneAlsoMeansTheOperatorsProvider() {
        assertThat(LocalStack.missingProviderSettings(Map.of("MP_JWT_VERIFY_ISSUER", "x"), true))
                .contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    }

    @Test
    void withoutSurveyServiceItsClientSettingsAreNotNeeded() {
        assertThat(LocalStack.missingProviderSettings(Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "x",
                "MP_JWT_VERIFY_ISSUER", "y"), false)).isEmpty();
    }
}
