package dev.amends.testing;

import dev.amends.local.AmendsRealm;
import dev.amends.local.ContractTopics;
import dev.amends.local.DevKeys;
import dev.amends.local.LocalSecrets;
import dev.amends.local.servers.LocalKafka;
import dev.amends.local.servers.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Quarkus test resource of every service: one real PostgreSQL and one real Kafka broker per
 * test JVM, shared by all test classes and stopped when the JVM exits. Argument {@code database}
 * names the service's database; with {@code identityProvider=keycloak} the JVM also gets a real
 * Keycloak with the contract's realm, survey-service its client credentials there, and tests
 * {@link #realm()} (tokens from the local dev key stay the default: they cost no round trip). A test profile that implements {@link PrivateKafka} gets a broker
 * of its own to stop and restart, one that implements {@link PrivatePostgres} a database server.
 *
 * <p>Tests reach the stack through configuration ({@link #keys()}, {@link #kafkaBootstrapServers()},
 * {@link #privateKafka()}), never through static state: test resources and tests may run in
 * different class loaders.
 */
public class AmendsTestStack implements QuarkusTestResourceLifecycleManager {

    static final String KEYS_FOLDER = "amends.test.keys-folder";
    static final String PRIVATE_KAFKA_FOLDER = "amends.test.private-kafka-folder";
    static final String PRIVATE_POSTGRES_FOLDER = "amends.test.private-postgres-folder";
    static final String KEYCLOAK_FOLDER = "amends.test.keycloak-folder";

    private static Shared shared;

    private String database = "amends";
    private boolean wantsKeycloak;
    private boolean trustsIdentityProvider;
    private boolean wantsPrivateKafka;
    private boolean wantsPrivatePostgres;
    private LocalKafka privateKafka;
    private LocalPostgres privatePostgres;

    /** Marks a test profile whose tests stop and restart Kafka. */
    public interface PrivateKafka {
    }

    /** Marks a test profile whose tests stop and restart PostgreSQL. */
    public interface PrivatePostgres {
    }

    /**
     * Marks a test profile whose service verifies tokens as in production: against the test
     * Keycloak realm's JWKS and issuer (instead of the local dev key).
     */
    public interface TrustsIdentityProvider {
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        wantsKeycloak = "keycloak".equals(initArgs.get("identityProvider"));
    }

    @Override
    public void setContext(Context context) {
        String profile = context.testProfile();
        if (profile == null) {
            return;
        }
        try {
            Class<?> profileClass = Class.forName(profile, false, Thread.currentThread().getContextClassLoader());
            for (Class<?> type : profileClass.getInterfaces()) {
                wantsPrivateKafka |= type.getName().equals(PrivateKafka.class.getName());
                wantsPrivatePostgres |= type.getName().equals(PrivatePostgres.class.getName());
                trustsIdentityProvider |= type.getName().equals(TrustsIdentityProvider.class.getName());
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("test profile not found: " + profile, e);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            Shared stack = shared();
            LocalPostgres postgres = stack.postgres;
            String privatePostgresFolder = "";
            if (wantsPrivatePostgres) {
                Path folder = Files.createTempDirectory("amends-private-postgres");
                privatePostgres = LocalPostgres.start(folder, 0);
                postgres = privatePostgres;
                privatePostgresFolder = folder.toString();
            }
            postgres.ensureDatabase(database);
            String kafka = stack.kafka.bootstrapServers();
            String privateFolder = "";
            if (wantsPrivateKafka) {
                privateKafka = LocalKafka.start(Files.createTempDirectory("amends-private-kafka"), 0);
                ContractTopics.create(privateKafka);
                kafka = privateKafka.bootstrapServers();
                privateFolder = privateKafka.dataFolder().toString();
            }
            Map<String, String> config = new HashMap<>();
            if (wantsKeycloak || trustsIdentityProvider) {
                AmendsRealm realm = stack.realm();
                config.put("quarkus.oidc-client.auth-server-url", realm.issuer());
                config.put("quarkus.oidc-client.client-id", AmendsRealm.SURVEY_CLIENT);
                config.put("quarkus.oidc-client.credentials.secret", realm.clientSecret(AmendsRealm.SURVEY_CLIENT));
                config.put("quarkus.oidc.pages.credentials.secret", realm.clientSecret(AmendsRealm.PAGES_CLIENT));
                config.put(KEYCLOAK_FOLDER, stack.folder.toString());
            }
            config.putAll(Map.of(
                    "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                    "quarkus.datasource.username", LocalPostgres.USER,
                    "quarkus.datasource.password", LocalPostgres.PASSWORD,
                    "kafka.bootstrap.servers", kafka,
                    "mp.jwt.verify.publickey.location", stack.keys.publicKeyFile().toUri().toString(),
                    "mp.jwt.verify.issuer", DevKeys.ISSUER,
                    KEYS_FOLDER, stack.keysFolder.toString(),
                    PRIVATE_KAFKA_FOLDER, privateFolder,
                    PRIVATE_POSTGRES_FOLDER, privatePostgresFolder));
            if (trustsIdentityProvider) {
                config.put("mp.jwt.verify.publickey.location", stack.realm().jwksUrl());
                config.put("mp.jwt.verify.issuer", stack.realm().issuer());
            }
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("the test stack did not start", e);
        }
    }

    @Override
    public void stop() {
        // The shared stack serves every test class of this JVM: the shutdown hook stops it.
        try {
            if (privateKafka != null) {
                LocalKafka.attach(privateKafka.dataFolder()).close();
            }
            if (privatePostgres != null) {
                privatePostgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The dev keys the services under test trust, to mint tokens. */
    public static DevKeys keys() {
        try {
            return DevKeys.inFolder(Path.of(config(KEYS_FOLDER)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token signed with the dev key, valid for ten minutes. */
    public static String token(String subject, String... roles) {
        return keys().token(subject, java.time.Duration.ofMinutes(10), roles);
    }

    /** The test JVM's Keycloak (with {@code identityProvider=keycloak}): its tokens, secrets, stop and start. */
    public static AmendsRealm realm() {
        Path folder = Path.of(config(KEYCLOAK_FOLDER));
        try {
            return AmendsRealm.attach(folder.resolve("keycloak"), new LocalSecrets(folder.resolve("secrets")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bootstrap servers of the broker the service under test uses. */
    public static String kafkaBootstrapServers() {
        return config("kafka.bootstrap.servers");
    }

    /** The broker of a {@link PrivateKafka} profile, to stop, kill and restart. */
    public static LocalKafka privateKafka() {
        try {
            return LocalKafka.attach(Path.of(config(PRIVATE_KAFKA_FOLDER)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data folder of a {@link PrivatePostgres} profile's server, for {@link LocalPostgres#stopFast}. */
    public static Path privatePostgresFolder() {
        return Path.of(config(PRIVATE_POSTGRES_FOLDER));
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    private static synchronized Shared shared() throws Exception {
        if (shared == null) {
            shared = new Shared(Files.createTempDirectory("amends-test-stack"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "amends-test-stack-stop"));
        }
        return shared;
    }

    private static final class Shared {
        final Path folder;
        final LocalPostgres postgres;
        final LocalKafka kafka;
        final Path keysFolder;
        final DevKeys keys;
        private AmendsRealm realm;

        Shared(Path folder) throws Exception {
            this.folder = folder;
            postgres = LocalPostgres.start(null, 0);
            kafka = LocalKafka.start(folder.resolve("kafka"), 0);
            ContractTopics.create(kafka);
            keysFolder = folder.resolve("keys");
            keys = DevKeys.inFolder(keysFolder);
        }

        /** Started on first use: most test JVMs need no provider, and it takes half a minute to start. */
        synchronized AmendsRealm realm() throws IOException, InterruptedException {
            if (realm == null) {
                // Test services listen on free ports: any page on localhost may be sent back to.
                realm = AmendsRealm.start(folder.resolve("keycloak"), 0, postgres, new LocalSecrets(folder.resolve("secrets")),
                        "http://localhost*");
            }
            return realm;
        }

        void close() {
            try {
                if (realm != null) {
                    realm.close();
                }
                kafka.close();
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
