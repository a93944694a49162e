package dev.amends.local;

import dev.amends.local.servers.LocalPostgres;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place a service's environment on the local stack is assembled, for the run command,
 * the packaged services tests start and the fault-injection run alike: its database, the broker,
 * the JWT verification and its own credentials, as a container gets them (environment variables; contract section 3).
 * What differs between them is added with {@link #with}.
 */
public final class ServiceEnvironment {

    private final Map<String, String> variables = new LinkedHashMap<>();

    private ServiceEnvironment() {
    }

    /** {@code database} on {@code postgres}, the broker at {@code kafkaBootstrapServers}, tokens of the issuer's key. */
    public static ServiceEnvironment on(LocalPostgres postgres, String database, String kafkaBootstrapServers) {
        ServiceEnvironment environment = new ServiceEnvironment();
        environment.variables.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        environment.variables.put("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER);
        environment.variables.put("QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD);
        environment.variables.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        // Webhook receivers on the local stack listen on loopback over plain http.
        environment.variables.put("AMENDS_WEBHOOKS_ALLOW_PRIVATE", "true");
        return environment;
    }

    /** Tokens are verified with the dev key pair's public key and must come from {@code issuer}. */
    public ServiceEnvironment trusting(DevKeys keys, String issuer) {
        return with("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKeyFile().toUri().toString())
                .with("MP_JWT_VERIFY_ISSUER", issuer);
    }

    /** Tokens are verified against the local Keycloak realm's signing keys (its JWKS) and issuer. */
    public ServiceEnvironment trusting(AmendsRealm realm) {
        return with("MP_JWT_VERIFY_PUBLICKEY_LOCATION", realm.jwksUrl())
                .with("MP_JWT_VERIFY_ISSUER", realm.issuer());
    }

    /**
     * survey-service's own credentials at the realm (the client-credentials grant) and those of its
     * pages (the authorization-code flow; the session cookie without Secure, as the stack is plain HTTP).
     */
    public ServiceEnvironment asSurveyClientOf(AmendsRealm realm) throws java.io.IOException {
        return with("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", realm.issuer())
                .with("QUARKUS_OIDC_CLIENT_CLIENT_ID", AmendsRealm.SURVEY_CLIENT)
                .with("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", realm.clientSecret(AmendsRealm.SURVEY_CLIENT))
                .with("QUARKUS_OIDC_PAGES_CREDENTIALS_SECRET", realm.clientSecret(AmendsRealm.PAGES_CLIENT))
                .with("QUARKUS_OIDC_PAGES_AUTHENTICATION_COOKIE_FORCE_SECURE", "false");
    }

    public ServiceEnvironment with(String variable, String value) {
        variables.put(variable, value);
        return this;
    }

    public ServiceEnvironment with(Map<String, String> more) {
        variables.putAll(more);
        return this;
    }

    public Map<String, String> variables() {
        return Map.copyOf(variables);
    }
}
