package dev.amends.common.messaging;

import dev.amends.common.events.CaseAcknowledged;
import io.opentelemetry.api.trace.Span;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CompletionStage;

/**
 * The test application's consumer, built like the services' ones: each case.acknowledged is
 * written to {@code applied_event} with the trace it was applied in. An acknowledgement by
 * {@link #POISON} makes the effect fail every time.
 */
@ApplicationScoped
public class AcknowledgementRecorder {

    static final String CONSUMER = "common-test/cases";
    static final String POISON = "poison";

    private final EventConsumption consumption;
    private final DataSource dataSource;

    public AcknowledgementRecorder(EventConsumption consumption, DataSource dataSource) {
        this.consumption = consumption;
        this.dataSource = dataSource;
    }

    @Incoming("case-events")
    @Blocking
    public CompletionStage<Void> caseEvents(KafkaRecordBatch<String, String> records) {
        return consumption.applyAll(CONSUMER, records, data -> {
            if (data instanceof CaseAcknowledged acknowledged) {
                record(acknowledged);
            }
        });
    }

    private void record(CaseAcknowledged acknowledged) {
        if (POISON.equals(acknowledged.actor())) {
            throw new IllegalStateException("this acknowledgement cannot be applied");
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into applied_event (incident_id, actor, trace_id) values (?, ?, ?)")) {
            insert.setObject(1, acknowledged.incidentId());
            insert.setString(2, acknowledged.actor());
            insert.setString(3, Span.current().getSpanContext().getTraceId());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
