package dev.amends.local;

import dev.amends.local.servers.LocalKafka;
import dev.amends.local.servers.LocalPostgres;
import dev.amends.local.servers.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The run command: embedded PostgreSQL, a Kafka broker on 127.0.0.1:9092, Keycloak on
 * 127.0.0.1:8180 (unless the operator brings an identity provider) and the three packaged
 * services on 8081-8083, with data in one folder that survives restarts ({@code --wipe} empties
 * it first; {@code --only intake-service} starts only the named services, comma-separated). Stops
 * everything it started on SIGINT or SIGTERM.
 */
public final class LocalStack {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** A replica restarted under load shares the cores with everything else (the fault-injection run). */
    private static final Duration RESTART_READY_TIMEOUT = Duration.ofMinutes(3);
    private static final int POSTGRES_PORT = 15432;
    private static final int KAFKA_PORT = 9092;
    private static final int KEYCLOAK_PORT = 8180;
    /** The operator's own identity provider (contract section 1): all of these, or none. */
    private static final List<String> OPERATOR_PROVIDER = List.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION",
            "MP_JWT_VERIFY_ISSUER", "QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", "QUARKUS_OIDC_CLIENT_CLIENT_ID",
            "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", "QUARKUS_OIDC_PAGES_CREDENTIALS_SECRET");
    private static final List<String> SERVICE_NAMES = List.of("intake-service", "resolution-service", "survey-service");

    /**
     * One running copy of a module: {@code name} is the module's for the first replica and
     * {@code <module>-<n>} for the others, which share its database and consumer groups.
     */
    private record Service(String name, String module, int replica, int port, String database) {
    }

    private final Path repository;
    private final Path data;
    private final int postgresPort;
    private final int kafkaPort;
    private final int keycloakPort;
    private final List<Service> serviceList;
    private final List<String> selected;
    private final Map<String, PackagedService> services = new java.util.LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new java.util.HashMap<>();
    private final Map<String, String> tokens = new java.util.LinkedHashMap<>();
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private final LocalSecrets secrets;
    /** The local Keycloak; null when the operator brings a provider. */
    private AmendsRealm realm;

    private final Map<String, String> overrides;

    private LocalStack(Path repository, Path data, boolean fixedPorts, List<String> selected, int replicas,
                       Map<String, String> overrides) throws IOException {
        if (!SERVICE_NAMES.containsAll(selected)) {
            throw new IllegalArgumentException("--only takes some of " + SERVICE_NAMES + ", not " + selected);
        }
        this.selected = selected;
        this.overrides = Map.copyOf(overrides);
        this.repository = repository;
        this.data = data;
        this.secrets = new LocalSecrets(data.resolve("keys"));
        Set<Integer> ports = new HashSet<>();
        this.postgresPort = fixedPorts ? POSTGRES_PORT : distinctFreePort(ports);
        this.kafkaPort = fixedPorts ? KAFKA_PORT : distinctFreePort(ports);
        this.keycloakPort = fixedPorts ? KEYCLOAK_PORT : distinctFreePort(ports);
        List<Service> list = new ArrayList<>();
        for (int replica = 1; replica <= replicas; replica++) {
            for (int i = 0; i < SERVICE_NAMES.size(); i++) {
                String module = SERVICE_NAMES.get(i);
                String name = replica == 1 ? module : module + "-" + replica;
                list.add(new Service(name, module, replica, fixedPorts ? 8081 + i : distinctFreePort(ports),
                        module.substring(0, module.indexOf('-'))));
            }
        }
        this.serviceList = List.copyOf(list);
    }

    /**
     * A free port none of the stack's others has: the system may hand out a port it just handed
     * out, since nothing listens on it before its server starts (two replicas got one port once).
     */
    private static int distinctFreePort(Set<Integer> taken) throws IOException {
        int port = Ports.free();
        while (!taken.add(port)) {
            port = Ports.free();
        }
        return port;
    }

    public static void main(String[] args) throws Exception {
        Path repository = Paths.get("").toAbsolutePath();
        String configured = System.getenv("AMENDS_DATA");
        Path data = configured != null ? Paths.get(configured).toAbsolutePath() : repository.resolve(".local-data");
        if (List.of(args).contains("--wipe")) {
            wipe(data);
        }
        LocalStack stack = new LocalStack(repository, data, true, only(List.of(args)), 1, Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        } catch (IllegalStateException refused) {
            // A setting missing or a service that stopped: its message says which, a stack trace would not help.
            System.err.println("[amends] " + refused.getMessage());
            System.exit(1);
        }
        stack.printWelcome();
        Thread.currentThread().join();
    }

    private static List<String> only(List<String> args) {
        int at = args.indexOf("--only");
        if (at < 0) {
            return SERVICE_NAMES;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException("--only needs service names, e.g. --only intake-service");
        }
        return List.of(args.get(at + 1).split(","));
    }

    /**
     * The whole stack in {@code data}, on free ports, with {@code replicas} copies of every service
     * (for the fault-injection run) and {@code overrides} in every service's environment; every
     * replica ready when it returns. {@link #stop()} stops it.
     */
    public static LocalStack startOnFreePorts(Path repository, Path data, int replicas, Map<String, String> overrides)
            throws Exception {
        return startOnFreePorts(repository, data, SERVICE_NAMES, replicas, overrides);
    }

    /** The same with only the {@code services} named (and the stack they need). */
    public static LocalStack startOnFreePorts(Path repository, Path data, List<String> services, int replicas,
                                              Map<String, String> overrides) throws Exception {
        LocalStack stack = new LocalStack(repository, data, false, services, replicas, overrides);
        try {
            stack.start();
        } catch (Exception e) {
            stack.stop();
            throw e;
        }
        return stack;
    }

    /**
     * The operator's provider settings that are missing: none when the stack runs its own Keycloak
     * (neither {@code MP_JWT_VERIFY_*} set) or when all are set. Without survey-service its client
     * settings are not needed.
     */
    static List<String> missingProviderSettings(Map<String, String> environment, boolean withSurvey) {
        if (!operatorProvider(environment)) {
            return List.of();
        }
        List<String> needed = withSurvey ? OPERATOR_PROVIDER : OPERATOR_PROVIDER.subList(0, 2);
        return needed.stream().filter(name -> !environment.containsKey(name)).toList();
    }

    private static boolean operatorProvider(Map<String, String> environment) {
        return environment.containsKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION") || environment.containsKey("MP_JWT_VERIFY_ISSUER");
    }

    private void start() throws Exception {
        List<String> missing = missingProviderSettings(System.getenv(), selected.contains("survey-service"));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("your own identity provider needs " + String.join(", ", missing)
                    + " in the environment too (or unset MP_JWT_VERIFY_PUBLICKEY_LOCATION and MP_JWT_VERIFY_ISSUER to run"
                    + " the local Keycloak)");
        }
        Files.createDirectories(data.resolve("logs"));
        log("data folder: " + data + " (start with --wipe to empty it)");
        postgres = LocalPostgres.start(data.resolve("postgres"), postgresPort);
        for (Service service : serviceList) {
            postgres.ensureDatabase(service.database());
        }
        log("PostgreSQL on 127.0.0.1:" + postgres.port());
        kafka = LocalKafka.start(data.resolve("kafka"), kafkaPort);
        ContractTopics.create(kafka);
        log("Kafka on " + kafka.bootstrapServers());

        if (!operatorProvider(System.getenv())) {
            long started = System.nanoTime();
            realm = AmendsRealm.start(data.resolve("keycloak"), keycloakPort, postgres, secrets,
                    url(serviceList.get(2)) + "/*");
            log("Keycloak on " + realm.keycloak().url() + ", realm " + AmendsRealm.NAME + " ready after "
                    + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
            for (String role : List.of("reporter", "agent", "analyst", "admin", "contact-reader")) {
                tokens.put(role, realm.token(role));
            }
        }
        for (Service service : serviceList) {
            environments.put(service.name(), environment(service));
        }
        // Replica by replica: six JVMs starting at once on two cores would each take minutes.
        int replicas = serviceList.stream().mapToInt(Service::replica).max().orElse(1);
        for (int replica = 1; replica <= replicas; replica++) {
            List<Service> wave = new ArrayList<>();
            for (Service service : serviceList) {
                if (service.replica() == replica && selected.contains(service.module())) {
                    launch(service);
                    wave.add(service);
                }
            }
            for (Service service : wave) {
                services.get(service.name()).awaitReady(READY_TIMEOUT);
                log(service.name() + " ready on " + url(service.name()));
            }
        }
        for (Map.Entry<String, PackagedService> service : services.entrySet()) {
            // A replica that lost its port to another process exits, though something answered on it.
            if (!service.getValue().isAlive()) {
                throw new IllegalStateException(service.getKey() + " has stopped; see its log in " + data.resolve("logs"));
            }
        }
        if (realm != null) {
            // Scripts wait for this file: it appears once every service is ready.
            writeTokens();
        }
    }

    private PackagedService launch(Service service) throws IOException {
        // One replica trains and uses the class-data archive: two JVMs would record the same file.
        Path classArchives = service.replica() == 1 ? data.resolve("class-archives") : null;
        PackagedService started = PackagedService.start(repository, service.module(), service.port(),
                environments.get(service.name()), data.resolve("logs").resolve(service.name() + ".log"), classArchives);
        services.put(service.name(), started);
        Files.writeString(data.resolve(service.name() + ".pid"), Long.toString(started.pid()));
        return started;
    }

    /** Stops the service as an orchestrator would (SIGTERM). */
    public void stop(String service) throws InterruptedException {
        services.get(service).close();
    }

    /** Kills the service without warning (SIGKILL), as a crash would. */
    public void kill(String service) throws InterruptedException {
        services.get(service).kill();
    }

    /** Starts the service again with the same settings; answers the time from start to ready. */
    public Duration restart(String service) throws IOException, InterruptedException {
        long started = System.nanoTime();
        launch(serviceList.stream().filter(each -> each.name().equals(service)).findFirst().orElseThrow())
                .awaitReady(RESTART_READY_TIMEOUT);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    public String url(String service) {
        return services.get(service).url();
    }

    /** The running copies of a module, first replica first (named as {@link Service} says). */
    public List<String> replicas(String module) {
        return serviceList.stream().filter(each -> each.module().equals(module)).map(Service::name).toList();
    }

    public long pid(String service) {
        return services.get(service).pid();
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public Path postgresData() {
        return data.resolve("postgres");
    }

    public LocalKafka kafka() {
        return kafka;
    }

    /** The local Keycloak's realm; empty when the operator brings an identity provider. */
    public Optional<AmendsRealm> realm() {
        return Optional.ofNullable(realm);
    }

    /** A token of the role (reporter, agent, analyst, admin, contact-reader) from the local Keycloak, valid 8 hours. */
    public String token(String role) {
        return tokens.get(role);
    }

    private static String url(Service service) {
        return "http://localhost:" + service.port();
    }

    private Map<String, String> environment(Service service) throws IOException {
        ServiceEnvironment base = ServiceEnvironment.on(postgres, service.database(), kafka.bootstrapServers());
        if (realm != null) {
            // The operator's provider settings are inherited through the environment, never overridden here.
            base.trusting(realm);
            if (service.module().equals("survey-service")) {
                base.asSurveyClientOf(realm);
            }
        }
        Map<String, String> environment = new java.util.HashMap<>(base.variables());
        putIfUnset(environment, "AMENDS_INTAKE_CUSTOMER_REF_SECRET", secrets.get("customer-ref-secret"));
        putIfUnset(environment, "AMENDS_SURVEY_TOKEN_SECRET", secrets.get("survey-token-secret"));
        putIfUnset(environment, "AMENDS_SURVEY_PUBLIC_BASE_URL", url(serviceList.get(2)));
        // Each survey replica asks the intake replica of its own number (no load balancer here).
        putIfUnset(environment, "QUARKUS_REST_CLIENT_INTAKE_URL", "http://localhost:"
                + serviceList.get((service.replica() - 1) * SERVICE_NAMES.size()).port());
        // Plain log lines in .local-data/logs; in a cluster the services log JSON.
        putIfUnset(environment, "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // Trying it out should not take an hour: the invitation goes out 20 seconds after the resolution.
        putIfUnset(environment, "AMENDS_SURVEY_INVITATION_DELAY", "PT20S");
        if (System.getenv("QUARKUS_MAILER_HOST") == null) {
            // No SMTP server here: survey links go to survey-service.log.
            putIfUnset(environment, "AMENDS_SURVEY_MAIL_DELIVERY", "log");
        }
        environment.putAll(overrides);
        return environment;
    }

    /** What the operator exported wins: the child inherits it. */
    private static void putIfUnset(Map<String, String> environment, String name, String value) {
        if (System.getenv(name) == null) {
            environment.put(name, value);
        }
    }

    private void printWelcome() {
        StringBuilder out = new StringBuilder("\nAmends is running. Ctrl-C stops everything.\n\n");
        for (Service service : serviceList) {
            if (!selected.contains(service.module())) {
                continue;
            }
            out.append(String.format("  %-19s http://localhost:%d   Swagger UI: http://localhost:%d/q/swagger-ui%n",
                    service.name(), service.port(), service.port()));
        }
        out.append("  Kafka               ").append(kafka.bootstrapServers()).append('\n');
        out.append("  PostgreSQL          127.0.0.1:").append(postgres.port()).append(" (user postgres, password postgres)\n");
        out.append("  logs                ").append(data.resolve("logs")).append("\n\n");
        if (realm == null) {
            out.append("Tokens are verified with MP_JWT_VERIFY_PUBLICKEY_LOCATION and MP_JWT_VERIFY_ISSUER from your "
                    + "environment: use tokens from your identity provider.\n");
        } else {
            out.append("  Keycloak            ").append(realm.keycloak().url()).append("/admin (user admin, password in ")
                    .append(data.resolve("tokens.env")).append(")\n\n");
            out.append("Tokens from the local Keycloak (realm amends, valid 8 hours; secrets, passwords and "
                    + "these tokens in tokens.env):\n");
            tokens.forEach((role, token) -> out.append("  ").append(role).append(":\n    ").append(token).append('\n'));
            out.append("\nReport an incident:\n  curl -i -X POST http://localhost:8081/incidents \\\n")
                    .append("    -H 'Authorization: Bearer ").append(tokens.get("reporter")).append("' \\\n")
                    .append("    -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' \\\n")
                    .append("    -d '{\"source\":\"webshop\",\"externalRef\":\"ORD-1234\",\"channel\":\"EMAIL\",")
                    .append("\"severity\":\"HIGH\",\"summary\":\"Wrong item delivered\",")
                    .append("\"customer\":{\"id\":\"C-991\",\"name\":\"Kari Nordmann\",\"email\":\"kari@example.no\",\"locale\":\"nb-NO\"}}'\n");
        }
        System.out.println(out);
    }

    /**
     * LOCAL DEVELOPMENT secrets and the tokens as shell variables (REPORTER_TOKEN=..., OLA_PASSWORD=...),
     * for people signing in and for scripts such as the benchmarks.
     */
    private void writeTokens() throws IOException {
        StringBuilder env = new StringBuilder("# Amends local stack: LOCAL DEVELOPMENT secrets only\n");
        env.append("KEYCLOAK_URL=").append(realm.keycloak().url()).append('\n');
        env.append("KEYCLOAK_ISSUER=").append(realm.issuer()).append('\n');
        env.append("KEYCLOAK_ADMIN_PASSWORD=").append(realm.adminPassword()).append('\n');
        for (String client : List.of("webshop", AmendsRealm.SURVEY_CLIENT, AmendsRealm.PAGES_CLIENT)) {
            env.append(variable(client)).append("_CLIENT_SECRET=").append(realm.clientSecret(client)).append('\n');
        }
        for (String user : List.of("ola", "ana", "ada")) {
            env.append(variable(user)).append("_PASSWORD=").append(realm.password(user)).append('\n');
        }
        tokens.forEach((role, token) -> env.append(variable(role)).append("_TOKEN=").append(token).append('\n'));
        Files.writeString(data.resolve("tokens.env"), env);
    }

    private static String variable(String name) {
        return name.toUpperCase().replace('-', '_');
    }

    /** Stops the services (SIGTERM), the broker and PostgreSQL. */
    public void stop() {
        for (PackagedService service : services.values()) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (realm != null) {
                realm.close();
            }
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

    /** Deletes the data folder and everything in it. */
    public static void wipe(Path data) throws IOException {
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
