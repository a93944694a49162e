package dev.amends.resolution.service;

import dev.amends.common.events.CaseStatus;
import dev.amends.resolution.repository.CaseRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.EnumMap;
import java.util.Map;

/** {@code amends_cases{status}}: how many cases are in each status, read at most every ten seconds. */
@ApplicationScoped
public class CaseMetrics {

    private static final long CACHE_NANOS = 10_000_000_000L;

    private final CaseRepository cases;
    private final MeterRegistry registry;
    private volatile long takenAt;
    private volatile Map<CaseStatus, Double> byStatus = new EnumMap<>(CaseStatus.class);

    public CaseMetrics(CaseRepository cases, MeterRegistry registry) {
        this.cases = cases;
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
            try {
                Map<CaseStatus, Long> stored = cases.countByStatus();
                for (CaseStatus each : CaseStatus.values()) {
                    counts.put(each, (double) stored.getOrDefault(each, 0L));
                }
            } catch (RuntimeException databaseAway) {
                for (CaseStatus each : CaseStatus.values()) {
                    counts.put(each, Double.NaN);
                }
            }
            byStatus = counts;
            takenAt = System.nanoTime();
        }
        return byStatus.get(status);
    }
}
