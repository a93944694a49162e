package dev.amends.resolution.messaging;

import dev.amends.common.events.SurveyAnswered;
import dev.amends.common.messaging.EventConsumption;
import dev.amends.resolution.service.CaseCommands;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Applies the customer's verdict (survey.answered) to its attempt; other survey events are not this service's concern. */
@ApplicationScoped
public class SurveyEventsConsumer {

    static final String CONSUMER = "resolution-service/surveys";

    private final EventConsumption consumption;
    private final CaseCommands commands;

    public SurveyEventsConsumer(EventConsumption consumption, CaseCommands commands) {
        this.consumption = consumption;
        this.commands = commands;
    }

    @Incoming("surveys")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumption.apply(CONSUMER, record, data -> {
            if (data instanceof SurveyAnswered answered) {
                commands.applyVerdict(answered.incidentId(), answered.attempt(), answered.resolvedSatisfactorily());
            }
        });
    }
}
