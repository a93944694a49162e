package dev.amends.common.outbox;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Kafka as the outbox relay sees it, at {@code /q/health/group/kafka}. Deliberately not part of
 * readiness: a service keeps taking requests while Kafka is down and the outbox holds the events.
 */
@HealthGroup("kafka")
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    private final OutboxRelay relay;

    public KafkaHealthCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxRelay.KafkaStatus status = relay.kafkaStatus();
        var response = HealthCheckResponse.named("kafka-outbox-relay").status(status.reachable());
        if (status.at() != null) {
            response.withData("checkedAt", status.at().toString());
        }
        if (status.error() != null) {
            response.withData("error", status.error());
        }
        return response.build();
    }
}
