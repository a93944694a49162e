package dev.amends.local;

import dev.amends.local.servers.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local stack's Keycloak with the contract's realm: who gets which role, for how long, from which issuer. */
class AmendsRealmTest {

    private static LocalPostgres postgres;
    private static AmendsRealm realm;
    private static Path folder;

    @BeforeAll
    static void startKeycloak() throws Exception {
        folder = Files.createTempDirectory("amends-realm");
        postgres = LocalPostgres.start(null, 0);
        realm = AmendsRealm.start(folder.resolve("keycloak"), 0, postgres, new LocalSecrets(folder.resolve("keys")),
                "http://localhost:18083/*");
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        realm.close();
        postgres.close();
    }

    @Test
    void everyRoleHasAHolderWhoseTokenCarriesItInGroupsForEightHours() throws Exception {
        Map<String, String> holders = Map.of("reporter", "service-account-webshop",
                "contact-reader", "service-account-survey-service", "agent", "ola", "analyst", "ana", "admin", "ada");
        for (var holder : holders.entrySet()) {
            String claims = claims(realm.token(holder.getKey()));
            assertThat(string(claims, "iss")).isEqualTo("http://127.0.0.1:" + realm.keycloak().port() + "/realms/amends");
            assertThat(string(claims, "preferred_username")).isEqualTo(holder.getValue());
            assertThat(groups(claims)).contains(holder.getKey())
                    .doesNotContainAnyElementsOf(List.of("reporter", "contact-reader", "agent", "analyst", "admin")
                            .stream().filter(role -> !role.equals(holder.getKey())).toList());
            assertThat(number(claims, "exp") - number(claims, "iat")).isEqualTo(8 * 3600);
        }
    }

    @Test
    void aClientWithAWrongSecretGetsNoToken() {
        assertThatThrownBy(() -> realm.requestToken(AmendsRealm.NAME, Map.of("grant_type", "client_credentials",
                "client_id", "webshop", "client_secret", "not-the-secret")))
                .isInstanceOf(IOException.class).hasMessageContaining("401");
    }

    @Test
    void theRealmAndItsSecretsSurviveARestart() throws Exception {
        realm.keycloak().startAgain();
        realm.keycloak().awaitRealm(AmendsRealm.NAME, java.time.Duration.ofMinutes(2));
        assertThat(groups(claims(realm.token("reporter")))).contains("reporter");
        assertThat(groups(claims(realm.token("analyst")))).contains("analyst");
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String string(String claims, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(claims);
        assertThat(value.find()).as(name + " in " + claims).isTrue();
        return value.group(1);
    }

    private static long number(String claims, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":(\\d+)").matcher(claims);
        assertThat(value.find()).as(name + " in " + claims).isTrue();
        return Long.parseLong(value.group(1));
    }

    private static List<String> groups(String claims) {
        Matcher value = Pattern.compile("\"groups\":\\[([^\\]]*)\\]").matcher(claims);
        assertThat(value.find()).as("groups in " + claims).isTrue();
        return Pattern.compile("\"([^\"]*)\"").matcher(value.group(1)).results().map(each -> each.group(1)).toList();
    }
}
