package dev.amends.common.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import dev.amends.common.events.CloudEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends outbox rows to Kafka in outbox order and deletes them once Kafka acknowledged them.
 * Only one relay per service database is active at a time: each batch runs in a transaction
 * that first takes a PostgreSQL advisory lock. A crash between send and delete sends the batch
 * again with the same event ids (at least once); consumers de-duplicate by id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The advisory lock key of the relay ("amends" in ASCII); each service has its own database. */
    public static final long RELAY_LOCK = 0x616d656e6473L;

    private static final byte[] CONTENT_TYPE = CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
    private static final byte[] PLAIN_CONTENT_TYPE = "application/json".getBytes(StandardCharsets.UTF_8);

    private final DataSource dataSource;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Object signal = new Object();
    private final AtomicReference<KafkaStatus> kafkaStatus = new AtomicReference<>(KafkaStatus.UNKNOWN);
    private final Counter standbyChecks;

    private volatile boolean running;
    private boolean wakeRequested;
    private Thread worker;
    private KafkaProducer<String, String> producer;

    public OutboxRelay(DataSource dataSource, OutboxConfig config,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        // Which replica relays shows in the metrics: the others count checks while it holds the lock.
        this.standbyChecks = Counter.builder("amends.outbox.relay.standby")
                .description("Outbox checks that sent nothing because another replica holds the relay lock")
                .register(registry);
    }

    /** Kafka as the relay last saw it: outside readiness, intake keeps taking incidents without it. */
    public record KafkaStatus(boolean reachable, Instant at, String error) {
        static final KafkaStatus UNKNOWN = new KafkaStatus(true, null, null);
    }

    void start(@Observes StartupEvent startup) {
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
        running = true;
        worker = new Thread(this::relayUntilStopped, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        wakeUp();
        if (worker != null) {
            worker.join(config.sendTimeout().toMillis() + 5_000);
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Asks the relay to look for new events now. */
    public void wakeUp() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
    }

    public KafkaStatus kafkaStatus() {
        return kafkaStatus.get();
    }

    private void relayUntilStopped() {
        while (running) {
            try {
                int sent = relayBatch();
                if (sent < 0) {
                    standbyChecks.increment();
                }
                // Only a batch that reached Kafka says anything about it (KafkaHealthCheck asks the rest of the time).
                if (sent > 0) {
                    kafkaStatus.set(new KafkaStatus(true, Instant.now(), null));
                }
                if (sent < config.batchSize()) {
                    pause(config.pollInterval());
                    Thread.sleep(config.linger().toMillis());
                }
            } catch (Exception e) {
                if (isKafkaFailure(e)) {
                    kafkaStatus.set(new KafkaStatus(false, Instant.now(), e.getMessage()));
                }
                LOG.warnf("outbox relay: batch not sent, will retry: %s", e.getMessage());
                pause(config.retryBackoff());
            }
        }
        // Flush what is left: a graceful shutdown leaves no acknowledged event behind on purpose.
        try {
            relayBatch();
        } catch (Exception e) {
            LOG.infof("outbox relay: events left for the next start: %s", e.getMessage());
        }
    }

    /** Kafka's own failures, as opposed to the database's: only those make Kafka's health check fail. */
    private static boolean isKafkaFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.KafkaException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Sends one batch; -1 when another relay holds the lock. */
    private int relayBatch() {
        return QuarkusTransaction.requiringNew()
                .timeout((int) config.sendTimeout().toSeconds() + 30)
                .call(() -> {
                    try (Connection connection = dataSource.getConnection()) {
                        if (!tryLock(connection)) {
                            return -1;
                        }
                        List<Long> ids = send(connection);
                        if (!ids.isEmpty()) {
                            try (PreparedStatement delete = connection.prepareStatement(
                                    "delete from outbox_event where id = any(?)")) {
                                delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                                delete.executeUpdate();
                            }
                        }
                        return ids.size();
                    }
                });
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Sends the oldest events and waits for every acknowledgement; answers their row ids. */
    private List<Long> send(Connection connection) throws Exception {
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, topic, message_key, payload, traceparent, event_type from outbox_event order by id limit ?")) {
            select.setInt(1, config.batchSize());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    acks.add(producer.send(record(rows)));
                }
            }
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return ids;
    }

    private static ProducerRecord<String, String> record(ResultSet row) throws SQLException {
        var record = new ProducerRecord<>(row.getString(2), row.getString(3), row.getString(4));
        String type = row.getString(6);
        if (OutboxWriter.PLAIN.equals(type)) {
            record.headers().add(new RecordHeader("content-type", PLAIN_CONTENT_TYPE));
        } else if (!OutboxWriter.TOMBSTONE.equals(type)) {
            record.headers().add(new RecordHeader("content-type", CONTENT_TYPE));
        }
        String traceparent = row.getString(5);
        if (traceparent != null) {
            record.headers().add(new RecordHeader("traceparent", traceparent.getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }

    private void pause(Duration duration) {
        synchronized (signal) {
            if (!wakeRequested && running) {
                try {
                    signal.wait(Math.max(1, duration.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            wakeRequested = false;
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> producerConfig = new HashMap<>(kafkaConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // Fail a batch quickly when Kafka is away; the relay retries it, the HTTP path never waits.
        long timeout = config.sendTimeout().toMillis();
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout / 3);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (timeout / 3));
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
        producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay" + config.source().replace('/', '-'));
        return producerConfig;
    }
}
