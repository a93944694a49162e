package dev.amends.common.idempotency;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Forgets stored answers once they are older than the retention (at least 24 hours, as the
 * contract promises). Harmless when several replicas run it at once.
 */
@ApplicationScoped
public class IdempotencyRecordPurge {

    private final DataSource dataSource;
    private final Duration retention;

    public IdempotencyRecordPurge(DataSource dataSource,
                                  @ConfigProperty(name = "amends.idempotency.retention", defaultValue = "PT48H") Duration retention) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("amends.idempotency.retention must be at least PT24H");
        }
        this.dataSource = dataSource;
        this.retention = retention;
    }

    @Scheduled(every = "${amends.idempotency.purge-every:PT1H}", delayed = "PT1M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void purge() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "delete from idempotency_record where created_at < now() - make_interval(secs => ?)")) {
            delete.setLong(1, retention.toSeconds());
            delete.executeUpdate();
        }
    }
}
