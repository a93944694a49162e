package dev.amends.survey.messaging;

import dev.amends.common.messaging.EventConsumption;
import dev.amends.survey.service.ReadModel;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** case.* events fill the read model and schedule or cancel invitations. */
@ApplicationScoped
public class CaseEventsConsumer {

    static final String CONSUMER = "survey-service/cases";

    private final EventConsumption consumption;
    private final ReadModel readModel;

    public CaseEventsConsumer(EventConsumption consumption, ReadModel readModel) {
        this.consumption = consumption;
        this.readModel = readModel;
    }

    @Incoming("cases")
    @Blocking
    public void consume(String record) {
        consumption.apply(CONSUMER, record, readModel::apply);
    }
}
