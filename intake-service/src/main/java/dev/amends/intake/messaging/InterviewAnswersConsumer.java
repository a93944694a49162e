package dev.amends.intake.messaging;

import dev.amends.common.events.InterviewAnswered;
import dev.amends.common.messaging.EventConsumption;
import dev.amends.intake.service.Lapses;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * What intake reads of survey-service's events: an exit interview answered with {@code mayContact}
 * true opens a win-back case (contract section 9). Other types are not intake's concern. Records of
 * a poll are applied in one transaction, de-duplicated by event id.
 */
@ApplicationScoped
public class InterviewAnswersConsumer {

    private final EventConsumption consumption;
    private final Lapses lapses;

    public InterviewAnswersConsumer(EventConsumption consumption, Lapses lapses) {
        this.consumption = consumption;
        this.lapses = lapses;
    }

    @Incoming("surveys")
    @Blocking
    public CompletionStage<Void> surveyEvents(KafkaRecordBatch<String, String> records) {
        return consumption.applyAll("intake-service/surveys", records, data -> {
            if (data instanceof InterviewAnswered answered && answered.mayContact()) {
                lapses.winBackOnRequest(answered.customerRef(), answered.incidentId());
            }
        });
    }
}
