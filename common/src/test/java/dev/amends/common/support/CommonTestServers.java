package dev.amends.common.support;

import dev.amends.common.events.Topics;
import dev.amends.local.servers.LocalKafka;
import dev.amends.local.servers.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL and a real Kafka broker for common's own tests, which run common's beans in
 * a small test application of their own (no service): the contract's topics and the test
 * consumer's dead-letter topic exist, with a few partitions only.
 */
public class CommonTestServers implements QuarkusTestResourceLifecycleManager {

    public static final String DEAD_LETTERS = "amends.common-test.dlq";
    private static final String DATABASE = "common";

    private LocalPostgres postgres;
    private LocalKafka kafka;

    @Override
    public Map<String, String> start() {
        try {
            postgres = LocalPostgres.start(null, 0);
            postgres.ensureDatabase(DATABASE);
            kafka = LocalKafka.start(Files.createTempDirectory("amends-common-kafka"), 0);
            List<String> names = new ArrayList<>(Topics.ALL);
            names.add(Topics.COMMENTS);
            names.add(DEAD_LETTERS);
            kafka.createUnlessPresent(names.stream().map(name -> new NewTopic(name, 3, (short) 1)).toList());
            return Map.of(
                    "quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE),
                    "quarkus.datasource.username", LocalPostgres.USER,
                    "quarkus.datasource.password", LocalPostgres.PASSWORD,
                    "kafka.bootstrap.servers", kafka.bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("common's test servers did not start", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("common's test servers did not stop", e);
        }
    }
}
