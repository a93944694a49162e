package dev.amends.local;

import dev.amends.local.servers.LocalPostgres;
import dev.amends.local.servers.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) in a child JVM with
 * the environment it is given, its output in a log file: the run command's services, and the
 * other services a cross-service test needs.
 */
public final class PackagedService implements AutoCloseable {

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final ClassArchive classArchive;

    private PackagedService(String name, int port, Path log, Process process, ClassArchive classArchive) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.classArchive = classArchive;
    }

    /** Starts {@code module} of {@code repository} on {@code port}; returns at once. */
    public static PackagedService start(Path repository, String module, int port, Map<String, String> environment,
                                        Path log) throws IOException {
        return start(repository, module, port, environment, log, null);
    }

    /**
     * As {@link #start(Path, String, int, Map, Path)}, with the module's class-data archive in
     * {@code classArchives} (see {@link ClassArchive}); {@code null} for none.
     */
    public static PackagedService start(Path repository, String module, int port, Map<String, String> environment,
                                        Path log, Path classArchives) throws IOException {
        Path jar = repository.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: build with ./mvnw -DskipTests package");
        }
        Files.createDirectories(log.getParent());
        // As in the Kubernetes manifests. C1 only: with a core or two shared by several JVMs, C2's
        // compilations took a quarter to half of a core for minutes and RSS over 300 MB; the serial
        // collector (what the JVM picks itself under a 1-CPU limit) keeps another 15-50 MB off RSS,
        // and growing the heap only when less than 10% is free after a collection about 30 MB more.
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms64m", "-Xmx192m", "-XX:MaxMetaspaceSize=160m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20"));
        ClassArchive classArchive = classArchives == null ? null : ClassArchive.in(classArchives, module, jar);
        if (classArchive != null) {
            command.addAll(classArchive.jvmOptions());
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new PackagedService(module, port, log, builder.start(), classArchive);
    }

    /**
     * Starts {@code module} in a test: on a free port, with {@code database} on the local
     * PostgreSQL, the local broker and the dev keys; returns once it is ready.
     */
    public static PackagedService startForTest(String module, LocalPostgres postgres, String database,
                                               String kafkaBootstrapServers, DevKeys keys, Path logFolder) throws Exception {
        Map<String, String> environment = ServiceEnvironment.on(postgres, database, kafkaBootstrapServers)
                .trusting(keys, DevKeys.ISSUER)
                // LOCAL DEVELOPMENT ONLY: the HMAC secret of customerRef in tests.
                .with("AMENDS_INTAKE_CUSTOMER_REF_SECRET", "test-only-customer-ref-secret-0123456789abcdef")
                .variables();
        Path repository = Path.of(System.getProperty("amends.repository", "..")).toAbsolutePath().normalize();
        int port = Ports.free();
        return start(repository, module, port, environment, logFolder.resolve(module + "-" + port + ".log"))
                .awaitReady(Duration.ofSeconds(90));
    }

    /** Waits until /q/health/ready answers 200. */
    public PackagedService awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** Whether the process still runs (a service that refused to start has exited). */
    public boolean isAlive() {
        return process.isAlive();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: the process ends at once, as in a crash; nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /**
     * SIGTERM, then a forced stop when it has not stopped within 20 seconds (60 while it records
     * a class-data archive). A clean stop keeps the archive the JVM recorded on its way out.
     */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(classArchive != null && classArchive.recording() ? 60 : 20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        } else if (classArchive != null) {
            try {
                classArchive.keepTraining();
            } catch (IOException e) {
                System.err.println("[amends] " + name + "'s class-data archive not kept: " + e.getMessage());
            }
        }
    }

    private static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }
}
