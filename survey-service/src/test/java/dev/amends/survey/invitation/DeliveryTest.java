package dev.amends.survey.invitation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.CaseOpened;
import dev.amends.common.events.CaseResolved;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Cause;
import dev.amends.common.events.Channel;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventData;
import dev.amends.common.events.EventType;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Outcome;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.common.events.Verdict;
import dev.amends.common.validation.RequestSchema;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.EventRecords;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Contract section 6, "nothing stalls", and section 7, "a rebuild sends no mail". */
@QuarkusTest
class DeliveryTest extends SurveyTest {

    @Test
    void anIncidentIntakeDoesNotKnowEndsUndeliverableAtOnceAndTheOthersAreMailed() throws Exception {
        UUID unknownToIntake = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publishResolvedCase(unknownToIntake, now);
        Customer customer = Customer.fresh();
        String known = report(customer, "en", true);
        Instant resolvedAt = resolve(known, "YES");
        awaitInvitationScheduled(unknownToIntake.toString(), 1);
        awaitInvitationScheduled(known, 1);

        runAt(resolvedAt.plus(Duration.ofHours(1)).plusSeconds(1));

        assertThat(invitationState(unknownToIntake.toString(), 1)).isEqualTo(InvitationState.UNDELIVERABLE);
        assertThat(invitationState(known, 1)).isEqualTo(InvitationState.SENT);
        assertThat(Mailbox.of(customer.email())).hasSize(1);
        JsonNode undeliverable = surveyEvents(unknownToIntake.toString(), 1).get(0);
        assertThat(undeliverable.get("type").asText()).isEqualTo(EventType.SURVEY_UNDELIVERABLE.type());
        assertThat(RequestSchema.load(EventType.SURVEY_UNDELIVERABLE.schemaResource()).violations(undeliverable.toString()))
                .isEmpty();
        assertThat(undeliverable.at("/data/reason").asText()).isEqualTo("NO_CONTACT");
        assertThat(undeliverable.at("/data/tries").asInt()).isEqualTo(1);

        runAt(resolvedAt.plus(Duration.ofDays(1)));
        assertThat(surveyEvents(unknownToIntake.toString(), 1)).hasSize(1);
    }

    @Test
    void aResolutionOlderThanALinksValidityIsNotInvited() throws Exception {
        UUID replayed = UUID.randomUUID();
        UUID resolvedEvent = publishResolvedCase(replayed, Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.MILLIS));

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(resolvedEvent));

        assertThat(invitationState(replayed.toString(), 1)).isNull();
    }

    /** incident.reported and the case's events of an incident only the topics know: intake has never seen it. */
    private UUID publishResolvedCase(UUID incident, Instant resolvedAt) throws Exception {
        Instant reportedAt = resolvedAt.minus(Duration.ofHours(2));
        String customerRef = "k1:" + "6d".repeat(32);
        CloudEvent<EventData> resolved = event("/resolution-service", incident, new CaseResolved(incident, "per", 1,
                CaseStatus.RESOLVED, "per", Outcome.FIXED, Cause.COMPANY, Verdict.YES, resolvedAt, false));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                AmendsTestStack.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(EventRecords.of(Topics.INCIDENTS, incident.toString(), mapper.writeValueAsString(event("/intake-service",
                    incident, new IncidentReported(incident, "webshop", null, Channel.WEB, "order", Severity.LOW, false,
                            null, reportedAt, customerRef, "en"))))).get();
            for (CloudEvent<EventData> event : List.of(event("/resolution-service", incident, new CaseOpened(incident,
                    "system", 1, CaseStatus.OPEN, Severity.LOW, Severity.LOW, false, Channel.WEB, "order", customerRef,
                    reportedAt, reportedAt.plus(Duration.ofHours(24)), reportedAt.plus(Duration.ofDays(5)), null)),
                    resolved)) {
                producer.send(EventRecords.of(Topics.CASES, incident.toString(), mapper.writeValueAsString(event))).get();
            }
        }
        return resolved.id();
    }

    private static CloudEvent<EventData> event(String source, UUID incident, EventData data) {
        return CloudEvent.of(UUID.randomUUID(), source, incident.toString(), Instant.now(), 1, data);
    }

    private boolean processed(UUID eventId) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select count(*) from processed_event where event_id = ?")) {
            select.setObject(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }
}
