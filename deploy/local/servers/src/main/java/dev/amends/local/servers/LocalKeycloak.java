package dev.amends.local.servers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real Keycloak from its Maven Central distribution (module deploy/local/keycloak unpacks it),
 * in development mode on a loopback port, keeping everything it stores in its own database on a
 * {@link LocalPostgres}: the realms survive a restart with the same database, and a new database
 * starts from the imported realm file. Which realm it holds is the caller's business.
 */
public final class LocalKeycloak implements AutoCloseable {

    /** Its first start on two cores re-builds the distribution for PostgreSQL: about a minute. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String STATE_FILE = "keycloak.properties";

    private final Path dataFolder;
    private final Properties state;
    private ProcessHandle process;

    private LocalKeycloak(Path dataFolder, Properties state) {
        this.dataFolder = dataFolder;
        this.state = state;
    }

    /**
     * Starts Keycloak on {@code port} (0 = a free one) with its data in {@code database} on
     * {@code postgres}, importing {@code realmFile} unless its realm exists there already. The realm
     * file may name environment variables (<code>${NAME}</code>); {@code environment} gives them, and
     * the bootstrap administrator of the master realm ({@code KC_BOOTSTRAP_ADMIN_USERNAME}/{@code _PASSWORD}).
     */
    public static LocalKeycloak start(Path dataFolder, int port, LocalPostgres postgres, String database,
                                      Path realmFile, Map<String, String> environment)
            throws IOException, InterruptedException {
        Files.createDirectories(dataFolder);
        try {
            postgres.ensureDatabase(database);
        } catch (java.sql.SQLException e) {
            throw new IOException("cannot create Keycloak's database " + database, e);
        }
        Path home = home();
        // Keycloak imports from its home's data/import only; the file is the same template for every stack.
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Path staged = Files.createTempFile(imports, "realm", ".tmp");
        Files.copy(realmFile, staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, imports.resolve(realmFile.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Properties state = new Properties();
        state.setProperty("port", Integer.toString(port > 0 ? port : Ports.free()));
        state.setProperty("db-url", postgres.jdbcUrl(database));
        LocalKeycloak keycloak = new LocalKeycloak(dataFolder, state);
        try (var out = Files.newOutputStream(dataFolder.resolve(STATE_FILE))) {
            state.store(out, "Amends local Keycloak");
        }
        keycloak.launch(environment);
        return keycloak;
    }

    /**
     * Takes control of a Keycloak started elsewhere in this JVM (another class loader's copy of this
     * class) from its data folder, to stop and start it again.
     */
    public static LocalKeycloak attach(Path dataFolder) throws IOException {
        Properties state = new Properties();
        try (var in = Files.newInputStream(dataFolder.resolve(STATE_FILE))) {
            state.load(in);
        }
        LocalKeycloak keycloak = new LocalKeycloak(dataFolder, state);
        long pid = Long.parseLong(Files.readString(dataFolder.resolve("keycloak.pid")).trim());
        keycloak.process = ProcessHandle.of(pid).orElse(null);
        return keycloak;
    }

    /** {@code http://127.0.0.1:<port>}: also the host of every issuer it names. */
    public String url() {
        return "http://127.0.0.1:" + state.getProperty("port");
    }

    public int port() {
        return Integer.parseInt(state.getProperty("port"));
    }

    public String issuer(String realm) {
        return url() + "/realms/" + realm;
    }

    /** The realm's signing keys, as services verify tokens against them. */
    public String jwksUrl(String realm) {
        return issuer(realm) + "/protocol/openid-connect/certs";
    }

    public Path dataFolder() {
        return dataFolder;
    }

    /** Waits until the realm answers its discovery document. */
    public void awaitRealm(String realm, Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(
                URI.create(issuer(realm) + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (process == null || !process.isAlive()) {
                throw new IOException("Keycloak exited, see " + dataFolder.resolve("keycloak.log"));
            }
            try {
                if (client.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("Keycloak's realm " + realm + " did not answer within " + timeout
                        + ", see " + dataFolder.resolve("keycloak.log"));
            }
            Thread.sleep(250);
        }
    }

    /** Its process (kc.sh execs the JVM), to read what it costs from /proc. */
    public long pid() {
        return process.pid();
    }

    /** Stops Keycloak cleanly (SIGTERM) and waits for it. */
    public void stop() throws InterruptedException {
        ChildProcesses.stop(process);
    }

    /** Starts it again on the same port and database; the realms are there already. */
    public void startAgain() throws IOException, InterruptedException {
        stop();
        launch(Map.of());
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void launch(Map<String, String> environment) throws IOException, InterruptedException {
        Path home = home();
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port(),
                // One issuer whichever name a client uses to reach it (localhost or 127.0.0.1).
                "--hostname=" + url(),
                "--db=postgres", "--db-url=" + state.getProperty("db-url"),
                "--db-username=" + LocalPostgres.USER, "--db-password=" + LocalPostgres.PASSWORD,
                "--import-realm", "--log-console-color=false"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataFolder.resolve("keycloak.log").toFile()))
                .redirectErrorStream(true);
        Map<String, String> processEnvironment = builder.environment();
        processEnvironment.putAll(environment);
        // The JDK that runs the stack runs Keycloak too; a small heap, as on the services' two cores.
        processEnvironment.put("JAVA_HOME", Paths.get(System.getProperty("java.home")).toString());
        processEnvironment.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m");
        Process started = builder.start();
        process = started.toHandle();
        Files.writeString(dataFolder.resolve("keycloak.pid"), Long.toString(process.pid()));
        ChildProcesses.awaitPort(started, port(), START_TIMEOUT, "Keycloak", dataFolder.resolve("keycloak.log"));
    }

    /** The unpacked distribution: -Damends.keycloak.home, else found from the working directory up. */
    static Path home() throws IOException {
        String configured = System.getProperty("amends.keycloak.home");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path target = dir.resolve("deploy/local/keycloak/target");
            if (Files.isDirectory(target)) {
                try (var found = Files.list(target)) {
                    var home = found.filter(each -> each.getFileName().toString().startsWith("keycloak-")
                            && Files.exists(each.resolve("bin/kc.sh"))).findFirst();
                    if (home.isPresent()) {
                        return home.get();
                    }
                }
            }
        }
        throw new IOException("Keycloak's distribution not found: build deploy/local/keycloak "
                + "(./mvnw package) or set -Damends.keycloak.home");
    }
}
