package dev.amends.resolution.messaging;

import dev.amends.common.events.SurveyAnswered;
import dev.amends.common.messaging.EventHandling;
import dev.amends.common.messaging.IncomingEvents;
import dev.amends.common.messaging.ProcessedEvents;
import dev.amends.resolution.service.CaseCommands;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Applies the customer's verdict (survey.answered) to its attempt; other survey events are not this service's concern. */
@ApplicationScoped
public class SurveyEventsConsumer {

    static final String CONSUMER = "resolution-service/surveys";

    private final IncomingEvents events;
    private final ProcessedEvents processed;
    private final CaseCommands commands;

    public SurveyEventsConsumer(IncomingEvents events, ProcessedEvents processed, CaseCommands commands) {
        this.events = events;
        this.processed = processed;
        this.commands = commands;
    }

    @Incoming("surveys")
    @Blocking
    public void consume(String value) {
        events.parse(value).ifPresent(event -> EventHandling.applyWithRetries(event.type() + " " + event.id(), () -> {
            if (processed.firstDelivery(CONSUMER, event.id()) && event.data() instanceof SurveyAnswered answered) {
                commands.applyVerdict(answered.incidentId(), answered.attempt(), answered.resolvedSatisfactorily());
            }
        }));
    }
}
