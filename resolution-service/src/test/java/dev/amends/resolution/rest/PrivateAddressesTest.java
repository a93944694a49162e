package dev.amends.resolution.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.amends.resolution.rest.WebhookApiTest.asAdmin;
import static org.hamcrest.Matchers.equalTo;

/** As in production (AMENDS_WEBHOOKS_ALLOW_PRIVATE unset): only https to public addresses. */
@QuarkusTest
@TestProfile(PrivateAddressesTest.Production.class)
class PrivateAddressesTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("amends.webhooks.allow-private", "false");
        }
    }

    @Test
    void refusesPlainHttpAndPrivateAddresses() {
        String before = asAdmin().get("/webhooks").header("X-Total-Count");
        refused("http://93.184.216.34/hooks", "must be https");
        for (String url : new String[] {"https://127.0.0.1/hooks", "https://localhost:8443/hooks", "https://[::1]/hooks",
                "https://10.0.0.7/hooks", "https://169.254.169.254/latest/meta-data", "https://2130706433/hooks"}) {
            refused(url, "must not connect to a loopback, link-local or private address");
        }
        asAdmin().get("/webhooks").then().header("X-Total-Count", before);
    }

    private static void refused(String url, String message) {
        asAdmin().body("{\"url\": \"" + url + "\", \"eventTypes\": [\"*\"]}").post("/webhooks").then().statusCode(400)
                .body("violations[0].field", equalTo("url")).body("violations[0].message", equalTo(message));
    }
}
