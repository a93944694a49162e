package dev.amends.resolution.rest;

import dev.amends.common.events.ComparedToBefore;
import dev.amends.common.events.CustomerCause;
import dev.amends.common.events.CustomerPersonalDataErased;
import dev.amends.common.events.InterviewComment;
import dev.amends.common.events.SurveyAnswered;
import dev.amends.common.events.SurveyComment;
import dev.amends.common.events.Topics;
import dev.amends.common.events.Verdict;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer's whole answer on the case (contract section 5): the ratings on its attempt, their
 * words from amends.survey-comments.v1 in either order, a NO's reopen quoting them, the analyst's
 * view without them, and their erasure.
 */
@QuarkusTest
class CustomerAnswerTest extends CaseApiTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Test
    void aNoReopensTheCaseWithTheCustomersWordsAsTheReason() {
        String id = resolvedCase(true);
        UUID invitation = UUID.randomUUID();

        publishAnswer(id, invitation, Verdict.NO);
        awaitStatus(id, "REOPENED");
        publishComment(id, invitation, "Still the wrong colour");

        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(reopenReason(caseAs("ola", id))).isEqualTo("Still the wrong colour"));
        JsonPath read = caseAs("ola", id);
        assertThat(read.getBoolean("apology")).isTrue();
        Map<String, Object> answer = read.getMap("resolutions[0].customerAnswer");
        assertThat(answer).containsEntry("resolvedSatisfactorily", "NO").containsEntry("satisfaction", 2)
                .containsEntry("comparedToBefore", "LESS").containsEntry("speed", 3).containsEntry("fairCompensation", null)
                .containsEntry("cause", "COMPANY").containsEntry("comment", "Still the wrong colour");
        assertThat((String) answer.get("answeredAt")).matches("\\d{4}-.*\\.\\d{3}Z");
        assertThat(read.getList("history.findAll { it.actor == 'customer' && it.change == 'status' }.to")).containsExactly("REOPENED");
    }

    @Test
    void wordsThatArriveBeforeTheAnswerAreTheReopensReasonAtOnce() {
        String id = resolvedCase(false);
        UUID invitation = UUID.randomUUID();

        publishComment(id, invitation, "Nobody called me back");
        await().atMost(EVENTUALLY).until(() -> comments(id) == 1);
        publishAnswer(id, invitation, Verdict.NO);

        awaitStatus(id, "REOPENED");
        JsonPath read = caseAs("ola", id);
        assertThat(reopenReason(read)).isEqualTo("Nobody called me back");
        assertThat(read.getBoolean("apology")).isFalse();
        assertThat(read.getString("resolutions[0].customerAnswer.comment")).isEqualTo("Nobody called me back");
    }

    @Test
    void theAnalystReadsTheRatingsButNotTheWords() {
        String id = resolvedCase(true);
        UUID invitation = UUID.randomUUID();
        publishComment(id, invitation, "Kari here, call me on 99999999");
        publishAnswer(id, invitation, Verdict.NO);
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(reopenReason(caseAs("ola", id))).isNotNull());

        JsonPath analyst = caseAs("ana", id);

        assertThat(analyst.getString("resolutions[0].customerAnswer.resolvedSatisfactorily")).isEqualTo("NO");
        assertThat(analyst.getInt("resolutions[0].customerAnswer.satisfaction")).isEqualTo(2);
        assertThat(analyst.getString("resolutions[0].customerAnswer.comment")).isNull();
        assertThat(reopenReason(analyst)).isNull();
        assertThat(analyst.prettify()).doesNotContain("99999999");
    }

    @Test
    void aTombstoneErasesTheWordsAndTheCaseShowsANewVersion() throws Exception {
        String id = resolvedCase(true);
        UUID invitation = UUID.randomUUID();
        publishComment(id, invitation, "Still the wrong colour");
        publishAnswer(id, invitation, Verdict.NO);
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(reopenReason(caseAs("ola", id))).isNotNull());
        int version = caseAs("ola", id).getInt("version");

        send(Topics.COMMENTS, invitation.toString(), null);

        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(reopenReason(caseAs("ola", id))).isNull());
        JsonPath read = caseAs("ola", id);
        assertThat(read.getString("resolutions[0].customerAnswer.comment")).isNull();
        assertThat(read.getString("resolutions[0].customerAnswer.resolvedSatisfactorily")).isEqualTo("NO");
        assertThat(read.getInt("version")).isGreaterThan(version);
        assertThat(comments(id)).isZero();
    }

    @Test
    void theCustomersErasureRemovesTheirWordsFromEveryCase() throws Exception {
        String customer = "k1:" + UUID.randomUUID().toString().replace("-", "").repeat(2);
        String first = resolvedCase(customer);
        String second = resolvedCase(customer);
        UUID firstInvitation = UUID.randomUUID();
        UUID secondInvitation = UUID.randomUUID();
        publishComment(first, firstInvitation, "First words", customer);
        publishComment(second, secondInvitation, "Second words", customer);
        publishAnswer(first, firstInvitation, Verdict.NO);
        await().atMost(EVENTUALLY).until(() -> comments(first) + comments(second) == 2 && reopenReason(caseAs("ola", first)) != null);

        publish(Topics.INCIDENTS, customer, "/intake-service", new CustomerPersonalDataErased(customer, Instant.now()));

        await().atMost(EVENTUALLY).until(() -> comments(first) + comments(second) == 0);
        assertThat(reopenReason(caseAs("ola", first))).isNull();
        assertThat(caseAs("ola", first).getString("resolutions[0].customerAnswer.resolvedSatisfactorily")).isEqualTo("NO");
    }

    @Test
    void aCommentThatCannotBeReadGoesToTheDeadLetterTopicAndTheNextOneIsApplied() throws Exception {
        String id = resolvedCase(true);
        UUID invitation = UUID.randomUUID();

        send(Topics.COMMENTS, invitation.toString(), "{\"incidentId\": \"" + id + "\", \"comment\": ");
        publishComment(id, invitation, "Readable words");

        await().atMost(EVENTUALLY).until(() -> comments(id) == 1);
        try (var deadLetters = new dev.amends.testing.TopicReader(AmendsTestStack.kafkaBootstrapServers(),
                Topics.deadLetter("resolution-service"))) {
            assertThat(deadLetters.await(record -> record.key().equals(invitation.toString()), 1, EVENTUALLY)).hasSize(1);
        }
    }

    @Test
    void anExitInterviewsWordsAreNotACasesAndDoNotStopTheTopic() throws Exception {
        String id = resolvedCase(true);
        UUID interview = UUID.randomUUID();
        // On the interview's partition: once the invitation's words are applied, so were the interview's.
        UUID invitation = onThePartitionOf(interview);

        send(Topics.COMMENTS, interview.toString(), mapper.writeValueAsString(new InterviewComment(UUID.fromString(id), 1,
                interview, "k1:" + "1e".repeat(32), "Moved away", Instant.now().truncatedTo(ChronoUnit.MILLIS))));
        publishComment(id, invitation, "Readable words");

        await().atMost(EVENTUALLY).until(() -> comments(id) == 1);
        try (var deadLetters = new dev.amends.testing.TopicReader(AmendsTestStack.kafkaBootstrapServers(),
                Topics.deadLetter("resolution-service"))) {
            assertThat(deadLetters.toEnd(record -> record.key() != null && record.key().equals(interview.toString())))
                    .isEmpty();
        }
    }

    private static UUID onThePartitionOf(UUID key) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                AmendsTestStack.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            int partitions = producer.partitionsFor(Topics.COMMENTS).size();
            while (true) {
                UUID candidate = UUID.randomUUID();
                if (partition(candidate, partitions) == partition(key, partitions)) {
                    return candidate;
                }
            }
        }
    }

    /** The default partitioner's choice for a key. */
    private static int partition(UUID key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private String resolvedCase(boolean apology) {
        return resolve(openCase(), apology);
    }

    private String resolvedCase(String customerRef) {
        return resolve(openCase(customerRef), true);
    }

    private String resolve(String id, boolean apology) {
        assertThat(caseAs("ola", id).getString("apology")).isNull();
        as("ola").body("{\"apology\": " + apology + "}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        as("ola").body("{\"outcome\": \"FIXED\", \"summary\": \"Sent the chair\", \"cause\": \"SUPPLIER\", "
                + "\"expectedVerdict\": \"YES\"}").post("/cases/" + id + "/resolution").then().statusCode(200);
        return id;
    }

    private void publishAnswer(String id, UUID invitation, Verdict verdict) {
        publish(Topics.SURVEYS, id, "/survey-service", new SurveyAnswered(UUID.fromString(id), 1, invitation,
                "k1:" + "1e".repeat(32), Instant.now().truncatedTo(ChronoUnit.MILLIS), verdict, 2, ComparedToBefore.LESS,
                null, 3, CustomerCause.COMPANY, null));
    }

    private void publishComment(String id, UUID invitation, String words) {
        publishComment(id, invitation, words, "k1:" + "1e".repeat(32));
    }

    private void publishComment(String id, UUID invitation, String words, String customerRef) {
        try {
            send(Topics.COMMENTS, invitation.toString(), mapper.writeValueAsString(new SurveyComment(UUID.fromString(id), 1,
                    invitation, customerRef, words, Instant.now().truncatedTo(ChronoUnit.MILLIS))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitStatus(String id, String status) {
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(caseAs("ola", id).getString("status")).isEqualTo(status));
    }

    private static JsonPath caseAs(String person, String id) {
        String token = person.equals("ana") ? AmendsTestStack.token("ana", "analyst") : agent(person);
        return given().auth().oauth2(token).get("/cases/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static String reopenReason(JsonPath read) {
        List<String> reasons = read.getList("history.findAll { it.actor == 'customer' && it.to == 'REOPENED' }.reason");
        return reasons.isEmpty() ? null : reasons.get(0);
    }

    private int comments(String id) throws Exception {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("select count(*) from customer_comment where case_id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
