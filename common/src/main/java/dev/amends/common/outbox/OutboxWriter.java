package dev.amends.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes an event into the outbox in the caller's transaction: the event is published if and
 * only if the change it describes commits. Its id is fixed here, so every copy Kafka ever
 * carries has the same CloudEvents id.
 */
@ApplicationScoped
public class OutboxWriter {

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final OutboxConfig config;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    public OutboxWriter(DataSource dataSource, ObjectMapper mapper, OutboxConfig config,
                        OutboxRelay relay, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.config = config;
        this.relay = relay;
        this.transactions = transactions;
    }

    /**
     * Adds an event about {@code subject} (the incident id, or the customerRef for erasure),
     * keyed by {@code key}, that happened at {@code time}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent<EventData> write(String subject, String key, Instant time, EventData data) {
        try (Connection connection = dataSource.getConnection()) {
            long sequence = nextSequence(connection, subject);
            CloudEvent<EventData> event = CloudEvent.of(UUID.randomUUID(), config.source(), subject, time, sequence, data);
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into outbox_event (event_id, topic, message_key, event_type, payload, traceparent)
                    values (?, ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, event.id());
                insert.setString(2, data.eventType().topic());
                insert.setString(3, key);
                insert.setString(4, event.type());
                insert.setString(5, json(event));
                insert.setString(6, TraceContext.current());
                insert.executeUpdate();
            }
            transactions.registerInterposedSynchronization(new WakeRelayAfterCommit(relay));
            return event;
        } catch (SQLException e) {
            throw new OutboxException("outbox write failed", e);
        }
    }

    private static long nextSequence(Connection connection, String subject) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into outbox_subject_sequence (subject, last_sequence) values (?, 1)
                on conflict (subject) do update set last_sequence = outbox_subject_sequence.last_sequence + 1
                returning last_sequence""")) {
            upsert.setString(1, subject);
            try (ResultSet result = upsert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private String json(CloudEvent<EventData> event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be serialised: " + event.type(), e);
        }
    }

    /** Lets the relay send at once instead of at its next poll. */
    private record WakeRelayAfterCommit(OutboxRelay relay) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wakeUp();
            }
        }
    }
}
