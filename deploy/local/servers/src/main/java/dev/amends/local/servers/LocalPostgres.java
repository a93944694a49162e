package dev.amends.local.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A real PostgreSQL server from the zonky Maven artifact, one database per service. */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * Stops the server with the given data folder at once (SIGINT: PostgreSQL's fast shutdown), as
     * an outage would; {@link #startAgain(Path)} brings it back with the same options and data.
     * Works from any class loader: all it needs is the data folder.
     */
    public static void stopFast(Path dataFolder) throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readAllLines(dataFolder.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle server = ProcessHandle.of(pid)
                .orElseThrow(() -> new IOException("PostgreSQL of " + dataFolder + " is not running"));
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("cannot signal PostgreSQL " + pid);
        }
        try {
            server.onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("PostgreSQL " + pid + " did not stop", e);
        }
    }

    public static void startAgain(Path dataFolder) throws IOException, InterruptedException {
        // postmaster.opts holds the command line (shell-quoted) the server last ran with. As zonky
        // does, run it in a user namespace when we are root: PostgreSQL refuses to run as root.
        String commandLine = Files.readString(dataFolder.resolve("postmaster.opts")).trim();
        String asUser = "root".equals(System.getProperty("user.name")) ? "unshare -U " : "";
        int port = Integer.parseInt(commandLine.replaceAll(".*\"-p\" \"(\\d+)\".*", "$1"));
        new ProcessBuilder("sh", "-c", "exec " + asUser + commandLine)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataFolder.resolve("restarted.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Ports.accepts(port)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("PostgreSQL did not come back on port " + port);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Starts PostgreSQL on the given port (0 = any free port). With a data folder the data survives
     * restarts; without one it lives in a temporary folder that is removed on close.
     */
    public static LocalPostgres start(Path dataFolder, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky turns fsync and synchronous commit off; Amends promises that a commit survives a crash.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on");
        if (port > 0) {
            builder.setPort(port);
        }
        if (dataFolder != null) {
            Files.createDirectories(dataFolder);
            builder.setDataDirectory(dataFolder).setCleanDataDirectory(false);
        }
        return new LocalPostgres(builder.start());
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String database) throws SQLException {
        if (!database.matches("[a-z_]+")) {
            throw new IllegalArgumentException("database names are lower-case letters: " + database);
        }
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + database + "'").next();
            if (!exists) {
                statement.execute("create database " + database);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
