package dev.amends.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run command: embedded PostgreSQL, a Kafka broker on 127.0.0.1:9092 and the three packaged
 * services on 8081-8083, with data in one folder that survives restarts ({@code --wipe} empties
 * it first). Stops everything it started on SIGINT or SIGTERM.
 */
public final class LocalStack {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int POSTGRES_PORT = 15432;
    private static final int KAFKA_PORT = 9092;

    private record Service(String name, int port, String database) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service("intake-service", 8081, "intake"),
            new Service("resolution-service", 8082, "resolution"),
            new Service("survey-service", 8083, "survey"));

    private final Path repository;
    private final Path data;
    private final List<PackagedService> services = new ArrayList<>();
    private LocalPostgres postgres;
    private LocalKafka kafka;

    private LocalStack(Path repository, Path data) {
        this.repository = repository;
        this.data = data;
    }

    public static void main(String[] args) throws Exception {
        Path repository = Paths.get("").toAbsolutePath();
        String configured = System.getenv("AMENDS_DATA");
        Path data = configured != null ? Paths.get(configured).toAbsolutePath() : repository.resolve(".local-data");
        if (List.of(args).contains("--wipe")) {
            wipe(data);
        }
        LocalStack stack = new LocalStack(repository, data);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        stack.start();
        Thread.currentThread().join();
    }

    private void start() throws Exception {
        Files.createDirectories(data.resolve("logs"));
        log("data folder: " + data + " (start with --wipe to empty it)");
        postgres = LocalPostgres.start(data.resolve("postgres"), POSTGRES_PORT);
        for (Service service : SERVICES) {
            postgres.ensureDatabase(service.database());
        }
        log("PostgreSQL on 127.0.0.1:" + postgres.port());
        kafka = LocalKafka.start(data.resolve("kafka"), KAFKA_PORT);
        kafka.createTopics();
        log("Kafka on " + kafka.bootstrapServers());

        Jwt jwt = jwt();
        for (Service service : SERVICES) {
            PackagedService started = PackagedService.start(repository, service.name(), service.port(),
                    environment(service, jwt), data.resolve("logs").resolve(service.name() + ".log"));
            services.add(started);
            Files.writeString(data.resolve(service.name() + ".pid"), Long.toString(started.pid()));
        }
        for (PackagedService service : services) {
            service.awaitReady(READY_TIMEOUT);
            log(service.name() + " ready on " + service.url());
        }
        printWelcome(jwt);
    }

    /** The JWT set-up: the operator's from the environment, else the generated dev key pair. */
    private record Jwt(DevKeys devKeys, String issuer, Map<String, String> environment) {
    }

    private Jwt jwt() throws IOException {
        String location = System.getenv("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        String issuer = System.getenv("MP_JWT_VERIFY_ISSUER");
        if (location != null) {
            // The operator's key: inherited through the environment, never overridden here.
            return new Jwt(null, issuer, Map.of());
        }
        DevKeys keys = DevKeys.inFolder(data.resolve("keys"));
        String effectiveIssuer = issuer != null ? issuer : DevKeys.ISSUER;
        return new Jwt(keys, effectiveIssuer, Map.of(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKeyFile().toUri().toString(),
                "MP_JWT_VERIFY_ISSUER", effectiveIssuer));
    }

    private Map<String, String> environment(Service service, Jwt jwt) throws IOException {
        Map<String, String> environment = new java.util.HashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(service.database()));
        environment.put("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.putAll(jwt.environment());
        putIfUnset(environment, "AMENDS_INTAKE_CUSTOMER_REF_SECRET", localSecret("customer-ref-secret"));
        putIfUnset(environment, "AMENDS_SURVEY_TOKEN_SECRET", localSecret("survey-token-secret"));
        putIfUnset(environment, "AMENDS_SURVEY_PUBLIC_BASE_URL", "http://localhost:8083");
        putIfUnset(environment, "QUARKUS_REST_CLIENT_INTAKE_URL", "http://localhost:8081");
        // Plain log lines in .local-data/logs; in a cluster the services log JSON.
        putIfUnset(environment, "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // Trying it out should not take an hour: the invitation goes out 20 seconds after the resolution.
        putIfUnset(environment, "AMENDS_SURVEY_INVITATION_DELAY", "PT20S");
        if (System.getenv("QUARKUS_MAILER_HOST") == null) {
            // No SMTP server here: survey links go to survey-service.log.
            putIfUnset(environment, "AMENDS_SURVEY_MAIL_DELIVERY", "log");
        }
        if (jwt.devKeys() != null) {
            putIfUnset(environment, "AMENDS_SURVEY_INTAKE_TOKEN", jwt.devKeys().token(jwt.issuer(), "survey-service",
                    Duration.ofDays(365), "contact-reader"));
        }
        return environment;
    }

    /** What the operator exported wins: the child inherits it. */
    private static void putIfUnset(Map<String, String> environment, String name, String value) {
        if (System.getenv(name) == null) {
            environment.put(name, value);
        }
    }

    private void printWelcome(Jwt jwt) {
        StringBuilder out = new StringBuilder("\nAmends is running. Ctrl-C stops everything.\n\n");
        for (Service service : SERVICES) {
            out.append(String.format("  %-19s http://localhost:%d   Swagger UI: http://localhost:%d/q/swagger-ui%n",
                    service.name(), service.port(), service.port()));
        }
        out.append("  Kafka               ").append(kafka.bootstrapServers()).append('\n');
        out.append("  PostgreSQL          127.0.0.1:").append(postgres.port()).append(" (user postgres, password postgres)\n");
        out.append("  logs                ").append(data.resolve("logs")).append("\n\n");
        if (jwt.devKeys() == null) {
            out.append("JWT verification uses MP_JWT_VERIFY_PUBLICKEY_LOCATION from your environment: "
                    + "use tokens from your identity provider.\n");
        } else {
            out.append("Dev tokens (local development key, valid 24 hours):\n");
            Map<String, String> tokens = new java.util.LinkedHashMap<>();
            tokens.put("reporter", jwt.devKeys().token(jwt.issuer(), "webshop", Duration.ofHours(24), "reporter"));
            tokens.put("agent", jwt.devKeys().token(jwt.issuer(), "ola", Duration.ofHours(24), "agent"));
            tokens.put("analyst", jwt.devKeys().token(jwt.issuer(), "ana", Duration.ofHours(24), "analyst"));
            tokens.put("contact-reader", jwt.devKeys().token(jwt.issuer(), "survey-service", Duration.ofHours(24), "contact-reader"));
            tokens.forEach((role, token) -> out.append("  ").append(role).append(":\n    ").append(token).append('\n'));
            writeTokens(tokens);
            out.append("\nReport an incident:\n  curl -i -X POST http://localhost:8081/incidents \\\n")
                    .append("    -H 'Authorization: Bearer ").append(tokens.get("reporter")).append("' \\\n")
                    .append("    -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' \\\n")
                    .append("    -d '{\"source\":\"webshop\",\"externalRef\":\"ORD-1234\",\"channel\":\"EMAIL\",")
                    .append("\"severity\":\"HIGH\",\"summary\":\"Wrong item delivered\",")
                    .append("\"customer\":{\"id\":\"C-991\",\"name\":\"Kari Nordmann\",\"email\":\"kari@example.no\",\"locale\":\"nb-NO\"}}'\n");
        }
        System.out.println(out);
    }

    /** The same tokens as shell variables (REPORTER_TOKEN=...), for scripts such as the benchmarks. */
    private void writeTokens(Map<String, String> tokens) {
        StringBuilder env = new StringBuilder();
        tokens.forEach((role, token) -> env.append(role.toUpperCase().replace('-', '_')).append("_TOKEN=")
                .append(token).append('\n'));
        try {
            Files.writeString(data.resolve("tokens.env"), env);
        } catch (IOException e) {
            log("cannot write tokens.env: " + e.getMessage());
        }
    }

    private void stop() {
        for (PackagedService service : services) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (kafka != null) {
                kafka.stop();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            log("while stopping: " + e.getMessage());
        }
        log("stopped");
    }

    /** LOCAL DEVELOPMENT ONLY: a random secret kept in the data folder. */
    private String localSecret(String name) throws IOException {
        Path file = data.resolve("keys").resolve(name);
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.writeString(file, HexFormat.of().formatHex(secret));
        }
        return Files.readString(file).trim();
    }

    private static void wipe(Path data) throws IOException {
        if (Files.exists(data)) {
            try (Stream<Path> paths = Files.walk(data)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
            log("wiped " + data);
        }
    }

    private static void log(String message) {
        System.out.println("[amends] " + message);
    }
}
