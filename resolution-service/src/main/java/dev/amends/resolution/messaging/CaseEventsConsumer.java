package dev.amends.resolution.messaging;

import dev.amends.common.events.CustomerPersonalDataErased;
import dev.amends.common.events.IncidentLinked;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.SurveyAnswered;
import dev.amends.common.messaging.EventConsumption;
import dev.amends.resolution.service.CaseCommands;
import dev.amends.resolution.service.CaseService;
import dev.amends.resolution.service.CustomerVoice;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * What resolution-service consumes: incident.reported opens a case; survey.answered applies the
 * customer's answer to its attempt and the comments topic brings their words; an erasure removes
 * those words. Other types are not this service's concern. Each channel de-duplicates under its
 * own consumer name (the comments, keyed by invitation, need none) and receives the records of a
 * poll together ({@code batch=true}), applied in one transaction.
 */
@ApplicationScoped
public class CaseEventsConsumer {

    private final EventConsumption consumption;
    private final CaseService cases;
    private final CaseCommands commands;
    private final CustomerVoice voice;

    public CaseEventsConsumer(EventConsumption consumption, CaseService cases, CaseCommands commands, CustomerVoice voice) {
        this.consumption = consumption;
        this.cases = cases;
        this.commands = commands;
        this.voice = voice;
    }

    @Incoming("incidents")
    @Blocking
    public CompletionStage<Void> incidentEvents(KafkaRecordBatch<String, String> records) {
        return consumption.applyAll("resolution-service/incidents", records, data -> {
            if (data instanceof IncidentReported reported) {
                cases.open(reported);
            } else if (data instanceof IncidentLinked linked) {
                cases.link(linked);
            } else if (data instanceof CustomerPersonalDataErased erased) {
                voice.eraseCustomer(erased.customerRef());
            }
        });
    }

    @Incoming("surveys")
    @Blocking
    public CompletionStage<Void> surveyEvents(KafkaRecordBatch<String, String> records) {
        return consumption.applyAll("resolution-service/surveys", records, data -> {
            if (data instanceof SurveyAnswered answered) {
                commands.applyVerdict(answered);
            }
        });
    }

    @Incoming("comments")
    @Blocking
    public CompletionStage<Void> comments(KafkaRecordBatch<String, String> records) {
        return consumption.applyAllPlain("resolution-service/comments", records,
                record -> voice.receive(record.getKey(), record.getPayload()));
    }
}
