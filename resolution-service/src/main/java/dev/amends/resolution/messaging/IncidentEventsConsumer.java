package dev.amends.resolution.messaging;

import dev.amends.common.events.IncidentReported;
import dev.amends.common.messaging.EventConsumption;
import dev.amends.resolution.service.CaseService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Opens a case for every incident.reported; every other type on the topic is not this service's concern. */
@ApplicationScoped
public class IncidentEventsConsumer {

    static final String CONSUMER = "resolution-service/incidents";

    private final EventConsumption consumption;
    private final CaseService cases;

    public IncidentEventsConsumer(EventConsumption consumption, CaseService cases) {
        this.consumption = consumption;
        this.cases = cases;
    }

    @Incoming("incidents")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumption.apply(CONSUMER, record, data -> {
            if (data instanceof IncidentReported reported) {
                cases.open(reported);
            }
        });
    }
}
