package dev.amends.local.servers;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one) in a child JVM. Its class path
 * is the folder the module deploy/local/kafka-broker copies its dependencies to, kept out of the
 * Quarkus BOM's reach. Which topics it has is the caller's business.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataFolder;
    private final int port;
    private final int controllerPort;
    private final Path libs;
    private ProcessHandle process;

    private LocalKafka(Path dataFolder, int port, int controllerPort, Path libs) {
        this.dataFolder = dataFolder;
        this.port = port;
        this.controllerPort = controllerPort;
        this.libs = libs;
    }

    /** Starts a broker on the given port (0 = a free port) keeping its log in the data folder. */
    public static LocalKafka start(Path dataFolder, int port) throws IOException, InterruptedException {
        int brokerPort = port > 0 ? port : Ports.free();
        int controllerPort = port > 0 ? port + 1 : Ports.free();
        LocalKafka kafka = new LocalKafka(dataFolder, brokerPort, controllerPort, brokerLibs());
        kafka.format();
        kafka.launch();
        return kafka;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Creates the topics that do not exist yet; leaves the others as they are. */
    public void createUnlessPresent(List<NewTopic> topics) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * Takes control of a broker started elsewhere in this JVM (another class loader's copy of
     * this class) from its data folder: the port is in its config, the process in its pid file.
     */
    public static LocalKafka attach(Path dataFolder) throws IOException {
        Properties config = new Properties();
        try (var in = Files.newInputStream(dataFolder.resolve("server.properties"))) {
            config.load(in);
        }
        String listeners = config.getProperty("listeners");
        int port = Integer.parseInt(listeners.replaceAll(".*PLAINTEXT://127\\.0\\.0\\.1:(\\d+).*", "$1"));
        int controllerPort = Integer.parseInt(listeners.replaceAll(".*CONTROLLER://127\\.0\\.0\\.1:(\\d+).*", "$1"));
        LocalKafka kafka = new LocalKafka(dataFolder, port, controllerPort, brokerLibs());
        long pid = Long.parseLong(Files.readString(dataFolder.resolve("broker.pid")).trim());
        kafka.process = ProcessHandle.of(pid).orElse(null);
        return kafka;
    }

    public Path dataFolder() {
        return dataFolder;
    }

    /** Stops the broker cleanly (SIGTERM) and waits for it. */
    public void stop() throws InterruptedException {
        ChildProcesses.stop(process);
    }

    /** Kills the broker without warning (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        ChildProcesses.kill(process);
    }

    /** Starts the broker again on the same port and data folder. */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void format() throws IOException, InterruptedException {
        Files.createDirectories(dataFolder);
        Path config = writeConfig();
        if (Files.exists(dataFolder.resolve("log").resolve("meta.properties"))) {
            return;
        }
        Process formatting = java("kafka.tools.StorageTool", "format",
                "--cluster-id=" + clusterId(), "--config=" + config)
                .redirectOutput(dataFolder.resolve("format.log").toFile())
                .redirectErrorStream(true)
                .start();
        if (formatting.waitFor() != 0) {
            throw new IOException("Kafka storage format failed, see " + dataFolder.resolve("format.log"));
        }
    }

    private void launch() throws IOException, InterruptedException {
        Process started = java("kafka.Kafka", dataFolder.resolve("server.properties").toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataFolder.resolve("broker.out").toFile()))
                .redirectErrorStream(true)
                .start();
        process = started.toHandle();
        Files.writeString(dataFolder.resolve("broker.pid"), Long.toString(process.pid()));
        ChildProcesses.awaitPort(started, port, START_TIMEOUT, "Kafka broker", dataFolder.resolve("kafka.log"));
    }

    /** Runs one of Kafka's own tools (such as ProducerPerformance) with the broker's class path; answers its output. */
    public String runTool(String mainClass, String... args) throws IOException, InterruptedException {
        Process tool = java(mainClass, args).redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        tool.waitFor();
        return output;
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
                "-Damends.kafka.log=" + dataFolder.resolve("kafka.log"),
                "-cp", libs.resolve("*").toString(),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private Path writeConfig() throws IOException {
        Properties config = new Properties();
        config.setProperty("process.roles", "broker,controller");
        config.setProperty("node.id", "1");
        config.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.setProperty("listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.setProperty("controller.listener.names", "CONTROLLER");
        config.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.setProperty("inter.broker.listener.name", "PLAINTEXT");
        config.setProperty("log.dirs", dataFolder.resolve("log").toString());
        config.setProperty("auto.create.topics.enable", "false");
        config.setProperty("offsets.topic.replication.factor", "1");
        config.setProperty("offsets.topic.num.partitions", "12");
        config.setProperty("transaction.state.log.replication.factor", "1");
        config.setProperty("transaction.state.log.min.isr", "1");
        config.setProperty("share.coordinator.state.topic.replication.factor", "1");
        config.setProperty("share.coordinator.state.topic.min.isr", "1");
        config.setProperty("group.initial.rebalance.delay.ms", "0");
        // Compaction soon after a segment rolls, so an erasure's tombstone takes effect within seconds here.
        config.setProperty("log.cleaner.backoff.ms", "1000");
        Path file = dataFolder.resolve("server.properties");
        try (var out = Files.newOutputStream(file)) {
            config.store(out, "Amends local broker: written on every start");
        }
        return file;
    }

    /** The broker's class path: -Damends.kafka.libs, else found from the working directory up. */
    static Path brokerLibs() throws IOException {
        String configured = System.getProperty("amends.kafka.libs");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/local/kafka-broker/target/libs");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IOException("Kafka broker class path not found: build deploy/local/kafka-broker "
                + "(./mvnw package) or set -Damends.kafka.libs");
    }

    private static String clusterId() {
        byte[] id = new byte[16];
        new java.security.SecureRandom().nextBytes(id);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

}
