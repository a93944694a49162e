package dev.amends.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventData;
import dev.amends.common.tracing.Traceparent;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return writeAll(List.of(prepare(subject, key, time, data))).get(0);
    }

    /**
     * An event to write later with {@link #writeAll}, perhaps on another thread: the trace of the
     * work in progress is taken now.
     */
    public PendingEvent prepare(String subject, String key, Instant time, EventData data) {
        return new PendingEvent(subject, key, time, data, Traceparent.ofCurrentSpan());
    }

    /**
     * Adds a plain JSON record (not a CloudEvent) to {@code topic}, or with a null {@code value} a
     * tombstone that makes a compacted topic forget {@code key}; relayed in outbox order with the events.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writePlain(String topic, String key, Object value) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into outbox_event (event_id, topic, message_key, event_type, payload, traceparent)
                     values (?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, value == null ? TOMBSTONE : PLAIN);
            insert.setString(5, value == null ? null : mapper.writeValueAsString(value));
            insert.setString(6, Traceparent.ofCurrentSpan());
            insert.executeUpdate();
            transactions.registerInterposedSynchronization(new WakeRelayAfterCommit(relay));
        } catch (SQLException | JsonProcessingException e) {
            throw new OutboxException("outbox write failed", e);
        }
    }

    /** The event_type of plain records and of tombstones. */
    static final String PLAIN = "plain";
    static final String TOMBSTONE = "tombstone";

    /** Adds events about distinct subjects in the caller's transaction, in two round trips. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CloudEvent<EventData>> writeAll(List<PendingEvent> pending) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Long> sequences = nextSequences(connection, pending);
            List<CloudEvent<EventData>> events = new ArrayList<>(pending.size());
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into outbox_event (event_id, topic, message_key, event_type, payload, traceparent)
                    values (?, ?, ?, ?, ?, ?)""")) {
                for (PendingEvent next : pending) {
                    CloudEvent<EventData> event = CloudEvent.of(UUID.randomUUID(), config.source(), next.subject(),
                            next.time(), sequences.get(next.subject()), next.data());
                    insert.setObject(1, event.id());
                    insert.setString(2, next.data().eventType().topic());
                    insert.setString(3, next.key());
                    insert.setString(4, event.type());
                    insert.setString(5, json(event));
                    insert.setString(6, next.traceparent());
                    insert.addBatch();
                    events.add(event);
                }
                insert.executeBatch();
            }
            transactions.registerInterposedSynchronization(new WakeRelayAfterCommit(relay));
            return events;
        } catch (SQLException e) {
            throw new OutboxException("outbox write failed", e);
        }
    }

    /**
     * The next CloudEvents sequence of each subject. Subjects are locked in sorted order, so two
     * transactions writing about the same subjects cannot deadlock.
     */
    private static Map<String, Long> nextSequences(Connection connection, List<PendingEvent> pending) throws SQLException {
        Object[] subjects = pending.stream().map(PendingEvent::subject).sorted().toArray();
        if (Arrays.stream(subjects).distinct().count() != subjects.length) {
            throw new IllegalArgumentException("one event per subject in a batch");
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into outbox_subject_sequence (subject, last_sequence)
                select subject, 1 from unnest(?::text[]) with ordinality as s(subject, ord) order by ord
                on conflict (subject) do update set last_sequence = outbox_subject_sequence.last_sequence + 1
                returning subject, last_sequence""")) {
            upsert.setArray(1, connection.createArrayOf("text", subjects));
            Map<String, Long> sequences = new HashMap<>();
            try (ResultSet result = upsert.executeQuery()) {
                while (result.next()) {
                    sequences.put(result.getString(1), result.getLong(2));
                }
            }
            return sequences;
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
