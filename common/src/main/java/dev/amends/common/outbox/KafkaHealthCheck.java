package dev.amends.common.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kafka at {@code /q/health/group/kafka}, deliberately not part of readiness: a service keeps
 * taking requests while Kafka is down and the outbox holds the events. Every replica asks the
 * broker itself on a schedule, so the check is true also on a replica whose relay does not hold
 * the lock or has nothing to send; a relay that failed to send since then turns it DOWN at once.
 */
@HealthGroup("kafka")
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final OutboxRelay relay;
    private final Map<String, Object> kafkaConfig;
    private final AtomicReference<OutboxRelay.KafkaStatus> probed = new AtomicReference<>(OutboxRelay.KafkaStatus.UNKNOWN);
    private Admin admin;

    public KafkaHealthCheck(OutboxRelay relay, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.relay = relay;
        this.kafkaConfig = kafkaConfig;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxRelay.KafkaStatus status = latest(probed.get(), relay.kafkaStatus());
        var response = HealthCheckResponse.named("kafka").status(status.reachable());
        if (status.at() != null) {
            response.withData("checkedAt", status.at().toString());
        }
        if (status.error() != null) {
            response.withData("error", status.error());
        }
        return response.build();
    }

    @Scheduled(identity = "kafka-health", every = "${amends.kafka.health-every:PT10S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void probe() {
        try {
            admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                    .clusterId().get(PROBE_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            probed.set(new OutboxRelay.KafkaStatus(true, Instant.now(), null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            probed.set(new OutboxRelay.KafkaStatus(false, Instant.now(), String.valueOf(e.getMessage())));
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>();
            kafkaConfig.forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(key)) {
                    config.put(key, value);
                }
            });
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
            admin = Admin.create(config);
        }
        return admin;
    }

    private static OutboxRelay.KafkaStatus latest(OutboxRelay.KafkaStatus a, OutboxRelay.KafkaStatus b) {
        if (a.at() == null) {
            return b;
        }
        return b.at() != null && b.at().isAfter(a.at()) ? b : a;
    }
}
