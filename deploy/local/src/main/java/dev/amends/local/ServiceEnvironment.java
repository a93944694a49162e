package dev.amends.local;

import dev.amends.local.servers.LocalPostgres;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place a service's environment on the local stack is assembled, for the run command,
 * the packaged services tests start and the fault-injection run alike: its database, the broker and
 * the JWT verification, as a container gets them (environment variables; contract section 3).
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
        return environment;
    }

    /** Tokens are verified with the dev key pair's public key and must come from {@code issuer}. */
    public ServiceEnvironment trusting(DevKeys keys, String issuer) {
        return with("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKeyFile().toUri().toString())
                .with("MP_JWT_VERIFY_ISSUER", issuer);
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
