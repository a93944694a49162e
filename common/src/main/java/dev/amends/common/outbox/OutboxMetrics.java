package dev.amends.common.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The outbox's lag as metrics: {@code amends_outbox_unsent_events} and
 * {@code amends_outbox_oldest_unsent_age_seconds} (0 when nothing waits). Read from the database
 * at most every five seconds, however often Prometheus scrapes.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final long CACHE_NANOS = 5_000_000_000L;

    private final DataSource dataSource;
    private final MeterRegistry registry;
    private volatile Snapshot snapshot = new Snapshot(0, 0, 0);

    public OutboxMetrics(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    private record Snapshot(long takenAt, double unsent, double oldestAgeSeconds) {
    }

    void register(@Observes StartupEvent startup) {
        Gauge.builder("amends.outbox.unsent.events", this, metrics -> metrics.current().unsent())
                .description("Events committed but not yet on Kafka").register(registry);
        Gauge.builder("amends.outbox.oldest.unsent.age", this, metrics -> metrics.current().oldestAgeSeconds())
                .baseUnit("seconds").description("How long the oldest unsent event has waited").register(registry);
    }

    private Snapshot current() {
        Snapshot last = snapshot;
        if (System.nanoTime() - last.takenAt() < CACHE_NANOS && last.takenAt() != 0) {
            return last;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from outbox_event")) {
            row.next();
            snapshot = new Snapshot(System.nanoTime(), row.getLong(1), row.getDouble(2));
        } catch (SQLException e) {
            snapshot = new Snapshot(System.nanoTime(), Double.NaN, Double.NaN);
        }
        return snapshot;
    }
}
