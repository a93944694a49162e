package dev.amends.survey.messaging;

import dev.amends.common.messaging.EventConsumption;
import dev.amends.survey.service.ReadModel;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Both topics feed the read model: incident.* (and the erasure event) and case.*, which also
 * schedule and cancel invitations. Each channel de-duplicates under its own consumer name.
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
    public void incidentEvent(ConsumerRecord<String, String> record) {
        consumption.apply("survey-service/incidents", record, readModel::apply);
    }

    @Incoming("cases")
    @Blocking
    public void caseEvent(ConsumerRecord<String, String> record) {
        consumption.apply("survey-service/cases", record, readModel::apply);
    }
}
