package dev.amends.resolution.messaging;

import dev.amends.common.events.IncidentReported;
import dev.amends.common.messaging.EventHandling;
import dev.amends.common.messaging.IncomingEvents;
import dev.amends.common.messaging.ProcessedEvents;
import dev.amends.resolution.service.CaseService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Opens a case for every incident.reported; every other type on the topic is not this service's concern. */
@ApplicationScoped
public class IncidentEventsConsumer {

    static final String CONSUMER = "resolution-service/incidents";

    private final IncomingEvents events;
    private final ProcessedEvents processed;
    private final CaseService cases;

    public IncidentEventsConsumer(IncomingEvents events, ProcessedEvents processed, CaseService cases) {
        this.events = events;
        this.processed = processed;
        this.cases = cases;
    }

    @Incoming("incidents")
    @Blocking
    public void consume(String value) {
        events.parse(value).ifPresent(event -> EventHandling.applyWithRetries(event.type() + " " + event.id(), () -> {
            if (processed.firstDelivery(CONSUMER, event.id()) && event.data() instanceof IncidentReported reported) {
                cases.open(reported);
            }
        }));
    }
}
