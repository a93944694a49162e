package dev.amends.local;

import dev.amends.local.servers.LocalKeycloak;
import dev.amends.local.servers.LocalPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The local stack's identity provider (contract section 3): a real Keycloak with the realm
 * {@code amends} imported from {@code amends-realm.json}. Its client secrets and user passwords are
 * LOCAL DEVELOPMENT secrets, generated once per data folder; {@link #token} asks Keycloak for a
 * token of a role as the clients and people of the realm get one.
 */
public final class AmendsRealm implements AutoCloseable {

    public static final String NAME = "amends";
    public static final String SURVEY_CLIENT = "survey-service";
    public static final String PAGES_CLIENT = "amends-pages";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    /** Who holds each role in the realm: a client's service account or a person. */
    private static final Map<String, String> HOLDERS = Map.of(
            "reporter", "webshop", "contact-reader", SURVEY_CLIENT, "agent", "ola", "analyst", "ana", "admin", "ada");

    private final LocalKeycloak keycloak;
    private final LocalSecrets secrets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AmendsRealm(LocalKeycloak keycloak, LocalSecrets secrets) {
        this.keycloak = keycloak;
        this.secrets = secrets;
    }

    /**
     * Starts Keycloak on {@code port} (0 = a free one) with its database on {@code postgres}, and
     * {@code pagesRedirectUris} (such as {@code http://localhost:8083/*}) the pages may be sent back
     * to after signing in or out; returns once the realm answers its discovery document.
     */
    public static AmendsRealm start(Path folder, int port, LocalPostgres postgres, LocalSecrets secrets,
                                    String pagesRedirectUris)
            throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path realmFile = folder.resolve("amends-realm.json");
        try (InputStream realm = AmendsRealm.class.getResourceAsStream("amends-realm.json")) {
            Files.copy(realm, realmFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.get("keycloak-admin-password"));
        environment.put("AMENDS_KEYCLOAK_WEBSHOP_SECRET", secrets.get("keycloak-webshop-secret"));
        environment.put("AMENDS_KEYCLOAK_SURVEY_SERVICE_SECRET", secrets.get("keycloak-survey-service-secret"));
        environment.put("AMENDS_KEYCLOAK_PAGES_SECRET", secrets.get("keycloak-amends-pages-secret"));
        environment.put("AMENDS_KEYCLOAK_OLA_PASSWORD", secrets.get("keycloak-ola-password"));
        environment.put("AMENDS_KEYCLOAK_ANA_PASSWORD", secrets.get("keycloak-ana-password"));
        environment.put("AMENDS_KEYCLOAK_ADA_PASSWORD", secrets.get("keycloak-ada-password"));
        environment.put("AMENDS_KEYCLOAK_PAGES_REDIRECT_URIS", pagesRedirectUris);
        LocalKeycloak keycloak = LocalKeycloak.start(folder, port, postgres, "keycloak", realmFile, environment);
        AmendsRealm realm = new AmendsRealm(keycloak, secrets);
        try {
            keycloak.awaitRealm(NAME, READY_TIMEOUT);
        } catch (IOException e) {
            keycloak.stop();
            throw e;
        }
        return realm;
    }

    /**
     * Takes control of the realm's Keycloak started elsewhere in this JVM (another class loader) from
     * its folder, with the secrets of the data folder it was started with.
     */
    public static AmendsRealm attach(Path folder, LocalSecrets secrets) throws IOException {
        return new AmendsRealm(LocalKeycloak.attach(folder), secrets);
    }

    public String issuer() {
        return keycloak.issuer(NAME);
    }

    public String jwksUrl() {
        return keycloak.jwksUrl(NAME);
    }

    public LocalKeycloak keycloak() {
        return keycloak;
    }

    /** A client's secret ({@code webshop}, {@code survey-service}, {@code amends-pages}). */
    public String clientSecret(String clientId) throws IOException {
        return secrets.get("keycloak-" + clientId + "-secret");
    }

    /** A person's password ({@code ola}, {@code ana}, {@code ada}). */
    public String password(String user) throws IOException {
        return secrets.get("keycloak-" + user + "-password");
    }

    /** The master realm's administrator password (user {@code admin}). */
    public String adminPassword() throws IOException {
        return secrets.get("keycloak-admin-password");
    }

    /**
     * A fresh access token of the role: a client's from the client-credentials grant, a person's
     * from the password grant of {@code amends-pages} (enabled in the local realm for scripts only).
     */
    public String token(String role) throws IOException, InterruptedException {
        String holder = HOLDERS.get(role);
        if (holder == null) {
            throw new IllegalArgumentException("no holder of role " + role + " in the realm");
        }
        Map<String, String> form = new LinkedHashMap<>();
        if (holder.equals("webshop") || holder.equals(SURVEY_CLIENT)) {
            form.put("grant_type", "client_credentials");
            form.put("client_id", holder);
            form.put("client_secret", clientSecret(holder));
        } else {
            form.put("grant_type", "password");
            form.put("client_id", PAGES_CLIENT);
            form.put("client_secret", clientSecret(PAGES_CLIENT));
            form.put("username", holder);
            form.put("password", password(holder));
        }
        return requestToken(NAME, form);
    }

    /** Posts the form to the realm's token endpoint; answers the access token. */
    public String requestToken(String realm, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(each -> each.getKey() + "=" + URLEncoder.encode(each.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.issuer(realm) + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IOException("Keycloak refused a token for " + form.get("client_id") + ": "
                    + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    @Override
    public void close() throws InterruptedException {
        keycloak.stop();
    }
}
