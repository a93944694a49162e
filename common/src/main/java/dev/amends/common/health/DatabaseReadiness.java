package dev.amends.common.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Readiness is the service's own database, answered within {@link #WAIT}: Kubernetes gives a probe
 * 1 s. While the database is down, requests queue for the connection pool and a check that waits
 * its turn (as the datasource's own check does) answers after the probe has given up. A probe
 * runs on its own thread; one still waiting for the pool is reused by the next call, not stacked.
 * Once the database was found away, a probe waits only {@link #WAIT_WHILE_DOWN} for it: a database
 * that is back answers in a few milliseconds, and under load the rest of the second goes to
 * answering at all.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final Duration WAIT = Duration.ofMillis(500);
    static final Duration WAIT_WHILE_DOWN = Duration.ofMillis(100);
    private static final int VALID_WITHIN_SECONDS = 1;

    private final DataSource dataSource;
    private final ExecutorService probes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "database-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<String> inFlight;
    private volatile boolean foundDown;

    public DatabaseReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        String error;
        long wait = (foundDown ? WAIT_WHILE_DOWN : WAIT).toMillis();
        try {
            error = probe().get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            error = "the database did not answer within " + wait + " ms";
        } catch (ExecutionException e) {
            error = String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        foundDown = error != null;
        var response = HealthCheckResponse.named("database").status(error == null);
        if (error != null) {
            response.withData("error", error);
        }
        return response.build();
    }

    /** Null when the database answered, else why not. */
    private synchronized CompletableFuture<String> probe() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(this::check, probes);
        }
        return inFlight;
    }

    private String check() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALID_WITHIN_SECONDS) ? null : "the connection is not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
