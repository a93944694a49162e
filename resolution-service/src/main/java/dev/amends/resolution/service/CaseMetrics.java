package dev.amends.resolution.service;

import dev.amends.common.events.CaseStatus;
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
import java.util.EnumMap;
import java.util.Map;

/** {@code amends_cases{status}}: how many cases are in each status, read at most every ten seconds. */
@ApplicationScoped
public class CaseMetrics {

    private static final long CACHE_NANOS = 10_000_000_000L;

    private final DataSource dataSource;
    private final MeterRegistry registry;
    private volatile long takenAt;
    private volatile Map<CaseStatus, Double> byStatus = new EnumMap<>(CaseStatus.class);

    public CaseMetrics(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    void register(@Observes StartupEvent startup) {
        for (CaseStatus status : CaseStatus.values()) {
            Gauge.builder("amends.cases", this, metrics -> metrics.count(status)).tag("status", status.name())
                    .description("Cases in each status").register(registry);
        }
    }

    private synchronized double count(CaseStatus status) {
        if (takenAt == 0 || System.nanoTime() - takenAt > CACHE_NANOS) {
            Map<CaseStatus, Double> counts = new EnumMap<>(CaseStatus.class);
            for (CaseStatus each : CaseStatus.values()) {
                counts.put(each, 0.0);
            }
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select status, count(*) from support_case group by status")) {
                while (rows.next()) {
                    counts.put(CaseStatus.valueOf(rows.getString(1)), (double) rows.getLong(2));
                }
            } catch (SQLException e) {
                counts.replaceAll((key, value) -> Double.NaN);
            }
            byStatus = counts;
            takenAt = System.nanoTime();
        }
        return byStatus.get(status);
    }
}
