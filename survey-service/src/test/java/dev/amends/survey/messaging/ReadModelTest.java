package dev.amends.survey.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.CaseAcknowledged;
import dev.amends.common.events.CaseOpened;
import dev.amends.common.events.CasePromiseKept;
import dev.amends.common.events.CasePromiseMade;
import dev.amends.common.events.CaseResolved;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Cause;
import dev.amends.common.events.Channel;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventData;
import dev.amends.common.events.IncidentLinked;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Outcome;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.common.events.Verdict;
import dev.amends.survey.repository.IncidentView;
import dev.amends.survey.repository.Invitation;
import dev.amends.survey.repository.InvitationState;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.EventRecords;
import dev.amends.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The read model from events on the real topics: any order across topics, redeliveries, the dead-letter topic. */
@QuarkusTest
class ReadModelTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void caseEventsBeforeTheirIncidentAndRedeliveriesBuildTheSameReadModel() throws Exception {
        UUID incident = UUID.randomUUID();
        String category = "order-" + incident.toString().substring(0, 8);
        Instant reportedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String customerRef = "k1:" + "7a".repeat(32);
        UUID promise = UUID.randomUUID();
        CloudEvent<EventData> resolved = event(new CaseResolved(incident, "per", 1, CaseStatus.RESOLVED, "per",
                Outcome.FIXED, Cause.COMPANY, Verdict.YES, reportedAt.plus(Duration.ofHours(1)), false));

        // The case's events arrive first (in their own order), one of them twice; the incident last.
        publish(Topics.CASES, incident, List.of(
                event(new CaseOpened(incident, "system", 1, CaseStatus.OPEN, Severity.LOW, Severity.LOW, false,
                        Channel.PHONE, category, customerRef, reportedAt, reportedAt.plus(Duration.ofHours(24)),
                        reportedAt.plus(Duration.ofDays(5)), null)),
                event(new CaseAcknowledged(incident, "per", 1, CaseStatus.ACKNOWLEDGED,
                        reportedAt.plus(Duration.ofMinutes(5)), true, "per")),
                event(new CasePromiseMade(incident, "per", 1, CaseStatus.ACKNOWLEDGED, promise,
                        reportedAt.plus(Duration.ofHours(2)), reportedAt.plus(Duration.ofMinutes(6)), "per")),
                event(new CasePromiseKept(incident, "per", 1, CaseStatus.ACKNOWLEDGED, promise,
                        reportedAt.plus(Duration.ofMinutes(30)), reportedAt.plus(Duration.ofHours(2)), "per")),
                resolved, resolved));
        publish(Topics.INCIDENTS, incident, List.of(event(new IncidentReported(incident, "webshop", null, Channel.PHONE,
                category, Severity.LOW, false, null, reportedAt, customerRef, "en"))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(AmendsTestStack.token("ana", "analyst"))
                .queryParam("from", reportedAt.toString()).queryParam("to", reportedAt.plusMillis(1).toString())
                .queryParam("groupBy", "category").get("/reports/recovery").then().statusCode(200)
                .body("groups.find { it.key == '" + category + "' }.incidents", equalTo(1))
                .body("groups.find { it.key == '" + category + "' }.resolved", equalTo(1))
                .body("groups.find { it.key == '" + category + "' }.promisesMade", equalTo(1))
                .body("groups.find { it.key == '" + category + "' }.medianTimeToAcknowledge", equalTo("PT5M"))
                .body("groups.find { it.key == '" + category + "' }.medianTimeToResolve", equalTo("PT1H")));
        QuarkusTransaction.requiringNew().run(() -> {
            IncidentView view = IncidentView.findById(incident);
            assertThat(view.owner).isEqualTo("per");
            assertThat(view.channel).isEqualTo("PHONE");
            assertThat(view.customerRef).isEqualTo(customerRef);
            List<Invitation> invitations = Invitation.list("incidentId", incident);
            assertThat(invitations).hasSize(1);
            assertThat(invitations.get(0).state).isEqualTo(InvitationState.SCHEDULED);
            assertThat(invitations.get(0).dueAt).isEqualTo(reportedAt.plus(Duration.ofHours(2)));
        });
    }

    @Test
    void keepsTheOriginAndTheDisruptionLinkWhateverOrderTheirEventsArriveIn() throws Exception {
        UUID incident = UUID.randomUUID();
        UUID outreach = UUID.randomUUID();
        UUID disruption = UUID.randomUUID();
        Instant reportedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String customerRef = "k1:" + "7b".repeat(32);

        // The complaint's link arrives before its case.opened, which names no disruption.
        publish(Topics.INCIDENTS, incident, List.of(
                event(new IncidentReported(incident, "webshop", null, Channel.PHONE, "order", Severity.LOW, false, null,
                        reportedAt, customerRef, "en")),
                event(new IncidentLinked(incident, disruption, reportedAt.plusSeconds(60)))));
        publish(Topics.INCIDENTS, outreach, List.of(event(new IncidentReported(outreach, "webshop", null, Channel.OTHER,
                "order", Severity.LOW, false, null, reportedAt, customerRef, "en", Origin.OUTREACH, disruption))));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            IncidentView view = IncidentView.findById(incident);
            return view != null && view.disruptionId != null && IncidentView.findById(outreach) != null;
        }));
        publish(Topics.CASES, incident, List.of(event(new CaseOpened(incident, "system", 1, CaseStatus.OPEN, Severity.LOW,
                Severity.LOW, false, Channel.EMAIL, "order", customerRef, reportedAt, reportedAt.plus(Duration.ofHours(24)),
                reportedAt.plus(Duration.ofDays(5)), null))));
        // case.opened says EMAIL where incident.reported said PHONE: once the channel changed, it was applied.
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> "EMAIL".equals(IncidentView.<IncidentView>findById(incident).channel)));

        QuarkusTransaction.requiringNew().run(() -> {
            IncidentView complaint = IncidentView.findById(incident);
            assertThat(complaint.origin).isEqualTo("COMPLAINT");
            assertThat(complaint.disruptionId).isEqualTo(disruption);
            IncidentView reachedOut = IncidentView.findById(outreach);
            assertThat(reachedOut.origin).isEqualTo("OUTREACH");
            assertThat(reachedOut.disruptionId).isEqualTo(disruption);
        });
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAloneAndTheRecordsAroundItAreApplied() throws Exception {
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        String malformed = UUID.randomUUID().toString();
        // Sent together, so that the consumer most likely polls the three in one batch.
        try (var producer = producer()) {
            producer.send(EventRecords.of(Topics.INCIDENTS, before.toString(), mapper.writeValueAsString(reported(before))));
            producer.send(EventRecords.of(Topics.INCIDENTS, malformed, "{\"specversion\": \"1.0\", \"id\": 42"));
            producer.send(EventRecords.of(Topics.INCIDENTS, after.toString(), mapper.writeValueAsString(reported(after))));
            producer.flush();
        }

        try (TopicReader dlq = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.deadLetter("survey-service"))) {
            assertThat(dlq.await(TopicReader.key(malformed), 1, Duration.ofSeconds(60)).get(0).value()).contains("\"id\": 42");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(QuarkusTransaction.requiringNew()
                    .call(() -> IncidentView.count("incidentId in ?1", List.of(before, after)))).isEqualTo(2));
            // Both applied: had either gone to the dead-letter topic, it would be there by now.
            assertThat(dlq.toEnd(record -> record.key().equals(before.toString())
                    || record.key().equals(after.toString()))).isEmpty();
        }
    }

    private CloudEvent<EventData> reported(UUID incident) {
        return event(new IncidentReported(incident, "webshop", null, Channel.WEB, "order", Severity.LOW, false, null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "k1:" + "5c".repeat(32), "en"));
    }

    private CloudEvent<EventData> event(EventData data) {
        String source = data instanceof IncidentReported ? "/intake-service" : "/resolution-service";
        return CloudEvent.of(UUID.randomUUID(), source, incidentOf(data), Instant.now(), 1, data);
    }

    private static String incidentOf(EventData data) {
        try {
            return String.valueOf(data.getClass().getMethod("incidentId").invoke(data));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(String topic, UUID key, List<CloudEvent<EventData>> events) throws Exception {
        try (var producer = producer()) {
            for (CloudEvent<EventData> event : events) {
                producer.send(EventRecords.of(topic, key.toString(), mapper.writeValueAsString(event))).get();
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                AmendsTestStack.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer());
    }
}
