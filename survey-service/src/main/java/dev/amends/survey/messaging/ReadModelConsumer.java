package dev.amends.survey.messaging;

import dev.amends.common.messaging.EventConsumption;
import dev.amends.survey.service.ReadModel;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * Both topics feed the read model: incident.* (and the erasure event) and case.*, which also
 * schedule and cancel invitations. Each channel de-duplicates under its own consumer name and
 * receives the records of a poll together ({@code batch=true}), applied in one transaction that
 * ends by marking every incident the batch touched for the recovery rollup's catch-up.
 */
@ApplicationScoped
public class ReadModelConsumer {

    private final EventConsumption consumption;
    private final ReadModel readModel;

    public ReadModelConsumer(EventConsumption consumption, ReadModel readModel) {
        this.consumption = consumption;
        this.readModel = readModel;
    }

    @Incoming("incidents")
    @Blocking
    public CompletionStage<Void> incidentEvents(KafkaRecordBatch<String, String> records) {
        return consumption.applyAll("survey-service/incidents", records, readModel::apply, readModel::markTouched);
    }

    @Incoming("cases")
    @Blocking
    public CompletionStage<Void> caseEvents(KafkaRecordBatch<String, String> records) {
        return consumption.applyAll("survey-service/cases", records, readModel::apply, readModel::markTouched);
    }
}
