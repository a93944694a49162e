package dev.amends.survey.messaging;

import dev.amends.common.messaging.EventConsumption;
import dev.amends.survey.service.ReadModel;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** incident.reported fills the read model; customer.personal-data-erased erases what is held on the customer. */
@ApplicationScoped
public class IncidentEventsConsumer {

    static final String CONSUMER = "survey-service/incidents";

    private final EventConsumption consumption;
    private final ReadModel readModel;

    public IncidentEventsConsumer(EventConsumption consumption, ReadModel readModel) {
        this.consumption = consumption;
        this.readModel = readModel;
    }

    @Incoming("incidents")
    @Blocking
    public void consume(String record) {
        consumption.apply(CONSUMER, record, readModel::apply);
    }
}
