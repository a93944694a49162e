package dev.amends.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.Topics;
import dev.amends.local.ContractTopics;
import dev.amends.local.DevKeys;
import dev.amends.local.PackagedService;
import dev.amends.local.servers.LocalKafka;
import dev.amends.local.servers.LocalPostgres;
import dev.amends.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged intake-service as a cluster runs it: replicas that start together on an empty
 * database, and SIGTERM in the middle of a burst of POSTs.
 */
class PackagedIntakeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalPostgres postgres;
    private static LocalKafka kafka;
    private static DevKeys keys;
    private static Path folder;

    @BeforeAll
    static void stack() throws Exception {
        folder = Files.createTempDirectory("amends-shutdown");
        postgres = LocalPostgres.start(null, 0);
        postgres.ensureDatabase("intake");
        kafka = LocalKafka.start(folder.resolve("kafka"), 0);
        ContractTopics.create(kafka);
        keys = DevKeys.inFolder(folder.resolve("keys"));
    }

    @AfterAll
    static void stopStack() throws Exception {
        kafka.close();
        postgres.close();
    }

    @Test
    void replicasStartingTogetherOnAnEmptyDatabaseMigrateItOnce() throws Exception {
        postgres.ensureDatabase("intake_replicas");
        ExecutorService starting = Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<PackagedService>> replicas = List.of(
                starting.submit(() -> start("intake_replicas")), starting.submit(() -> start("intake_replicas")));
        try {
            for (var replica : replicas) {
                assertThat(replica.get(120, TimeUnit.SECONDS).url()).isNotNull();
            }
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("intake_replicas"),
                    LocalPostgres.USER, LocalPostgres.PASSWORD);
                 PreparedStatement select = connection.prepareStatement(
                         "select version, count(*) from flyway_schema_history where success group by version");
                 ResultSet rows = select.executeQuery()) {
                int versions = 0;
                while (rows.next()) {
                    versions++;
                    assertThat(rows.getInt(2)).as("migration " + rows.getString(1)).isEqualTo(1);
                }
                assertThat(versions).isGreaterThanOrEqualTo(4);
            }
        } finally {
            for (var replica : replicas) {
                replica.get().close();
            }
            starting.shutdown();
        }
    }

    @Test
    void sigtermDuringABurstLosesNoAcknowledgedIncident() throws Exception {
        PackagedService intake = start("intake");
        String token = keys.token(DevKeys.ISSUER, "webshop", Duration.ofMinutes(10), "reporter");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int client = 0; client < 8; client++) {
            clients.submit(() -> {
                while (posting.get()) {
                    HttpRequest post = HttpRequest.newBuilder(URI.create(intake.url() + "/incidents"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"source\": \"webshop\", \"channel\": \"WEB\", "
                                    + "\"summary\": \"Broken lamp\", \"customer\": {\"id\": \"C-1\", \"email\": \"a@example.no\"}}"))
                            .timeout(Duration.ofSeconds(10)).build();
                    try {
                        HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
                        statuses.add(answer.statusCode());
                        if (answer.statusCode() == 201) {
                            acknowledged.add(JSON.readTree(answer.body()).get("id").asText());
                        }
                    } catch (Exception e) {
                        // refused or reset once the service has gone: not acknowledged, so nothing was promised
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> acknowledged.size() >= 200);
        intake.close();
        posting.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(statuses).allMatch(status -> status < 500 || status == 503);
        assertThat(storedIds()).containsAll(acknowledged);
        try (PackagedService again = start("intake"); TopicReader topic = new TopicReader(kafka.bootstrapServers(), Topics.INCIDENTS)) {
            List<ConsumerRecord<String, String>> events = topic.await(record -> acknowledged.contains(record.key()),
                    acknowledged.size(), Duration.ofSeconds(60));
            Map<String, Long> perIncident = events.stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(perIncident.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(perIncident.values()).allMatch(count -> count == 1);
        }
    }

    private static PackagedService start(String database) throws Exception {
        return PackagedService.startForTest("intake-service", postgres, database, kafka.bootstrapServers(), keys, folder);
    }

    private static List<String> storedIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("intake"), LocalPostgres.USER,
                LocalPostgres.PASSWORD); PreparedStatement select = connection.prepareStatement("select id from incident");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
