package dev.amends.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A real PostgreSQL server from the zonky Maven artifact, one database per service. */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * Starts PostgreSQL on the given port (0 = any free port). With a data folder the data survives
     * restarts; without one it lives in a temporary folder that is removed on close.
     */
    public static LocalPostgres start(Path dataFolder, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1");
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
