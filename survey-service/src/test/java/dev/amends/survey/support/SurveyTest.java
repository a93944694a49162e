package dev.amends.survey.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Cause;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.CustomerLapsed;
import dev.amends.common.events.CustomerPersonalDataErased;
import dev.amends.common.events.EventData;
import dev.amends.common.events.ReopenedBy;
import dev.amends.common.events.SlaClock;
import dev.amends.common.events.Topics;
import dev.amends.common.events.ValueTier;
import dev.amends.common.events.Verdict;
import dev.amends.survey.IntakeStandIn;
import dev.amends.survey.repository.Interview;
import dev.amends.survey.repository.InterviewState;
import dev.amends.survey.repository.Invitation;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.service.InvitationTimers;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.EventRecords;
import dev.amends.testing.SettableClock;
import dev.amends.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the survey tests share: incidents and cases told on the topics as intake-service and
 * resolution-service would tell them ({@link StandInCase}), the customer's contact at the intake
 * stand-in, the survey-service clock and its scheduled work, the survey events on the topic.
 */
public abstract class SurveyTest {

    /** How long after a lapse is read its interview is decided (amends.survey.interview.settle-delay). */
    protected static final Duration INTERVIEW_SETTLE = Duration.ofHours(1);

    @Inject
    protected SettableClock clock;
    @Inject
    protected InvitationTimers timers;
    @Inject
    protected ObjectMapper mapper;
    @Inject
    protected DataSource dataSource;

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }

    private static final Map<String, StandInCase> CASES = new ConcurrentHashMap<>();

    /** A customer no other test uses, with an email address of their own. */
    protected record Customer(String id, String email) {
        public static Customer fresh() {
            return withAddressStarting("kari-");
        }

        /** A fresh customer whose email address starts with {@code prefix} (see {@link RefusingSmtpGate}). */
        public static Customer withAddressStarting(String prefix) {
            String id = UUID.randomUUID().toString().substring(0, 12);
            return new Customer("C-" + id, prefix + id + "@example.no");
        }

        /** The pseudonymous customerRef intake would publish for this customer. */
        public String ref() {
            try {
                return "k1:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(id.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A new incident as intake and resolution would tell it: its contact registered with the intake
     * stand-in, incident.reported and case.opened published; waits until survey-service applied both.
     */
    protected String report(Customer customer, String locale, boolean withEmail) {
        return report(customer, locale, withEmail, "delivery");
    }

    protected String report(Customer customer, String locale, boolean withEmail, String category) {
        return report(customer, locale, withEmail, new StandInCase(customer.ref(), category, locale));
    }

    /** An incident of the category reported at {@code reportedAt}, acknowledgement due {@code acknowledgeWithin} later. */
    protected String report(Customer customer, String category, Instant reportedAt, Duration acknowledgeWithin) {
        return report(customer, "en", true, new StandInCase(customer.ref(), category, "en", reportedAt, acknowledgeWithin));
    }

    private String report(Customer customer, String locale, boolean withEmail, StandInCase incident) {
        String id = incident.incidentId().toString();
        CASES.put(id, incident);
        given().baseUri(url("intake-service")).body(IntakeStandIn.incident(withEmail ? customer.email() : null, locale))
                .put("/incidents/" + id).then().statusCode(204);
        publish(Topics.INCIDENTS, incident, incident.reported());
        publish(Topics.CASES, incident, incident.opened());
        return id;
    }

    /** The incident as the tests told it. */
    protected static StandInCase incident(String id) {
        return CASES.get(id);
    }

    /** The customer's case acknowledged, as resolution-service would tell it. */
    protected void acknowledge(String id) {
        publish(Topics.CASES, incident(id), incident(id).acknowledge());
    }

    /** The first answer to the customer, by {@code owner}, with or without an apology. */
    protected void acknowledge(String id, String owner, boolean apology) {
        publish(Topics.CASES, incident(id), incident(id).acknowledge(owner, apology));
    }

    /** The owner handed the case to {@code owner}, the {@code changes}-th change. */
    protected void changeOwner(String id, String owner, String previousOwner, int changes) {
        publish(Topics.CASES, incident(id), incident(id).changeOwner(owner, previousOwner, changes));
    }

    protected void breachSla(String id, SlaClock clock) {
        publish(Topics.CASES, incident(id), incident(id).breachSla(clock));
    }

    /** The case reopened by an agent (or by the customer's NO), as resolution-service would tell it. */
    protected void reopen(String id, ReopenedBy by) {
        publish(Topics.CASES, incident(id), incident(id).reopen(by));
    }

    protected void offerCompensation(String id) {
        publish(Topics.CASES, incident(id), incident(id).offerCompensation());
    }

    /** A promise made on the case that ends KEPT, BROKEN or stays OPEN. */
    protected void promise(String id, String end) {
        for (EventData event : incident(id).promise(end)) {
            publish(Topics.CASES, incident(id), event);
        }
    }

    /** Acknowledges (when still open) and resolves the case's current attempt; answers its resolvedAt. */
    protected Instant resolve(String id, String expectedVerdict) {
        return resolve(id, expectedVerdict, "SUPPLIER");
    }

    protected Instant resolve(String id, String expectedVerdict, String cause) {
        StandInCase incident = incident(id);
        if (incident.status() == CaseStatus.OPEN) {
            acknowledge(id);
        }
        publish(Topics.CASES, incident, incident.resolve(Verdict.valueOf(expectedVerdict), Cause.valueOf(cause)));
        return incident.lastResolvedAt();
    }

    /** Resolves the case's current attempt as {@code owner}, waits for its invitation and mails it (as resolveAndInvite). */
    protected void resolveAndInviteAs(String id, String owner, String expectedVerdict) {
        StandInCase incident = incident(id);
        publish(Topics.CASES, incident, incident.resolve(Verdict.valueOf(expectedVerdict), Cause.SUPPLIER, owner));
        awaitInvitationScheduled(id, incident.attempt());
        runAt(incident.lastResolvedAt().plus(Duration.ofHours(1)));
    }

    /** Publishes the event as the incident's service would and waits until survey-service applied it. */
    private void publish(String topic, StandInCase incident, EventData data) {
        publish(topic, incident.incidentId().toString(), incident.nextSequence(topic), data);
    }

    /** The recovery report's group of one category over [from, to), as an analyst reads it. */
    protected static Map<String, Object> reportGroup(Instant from, Instant to, String category) {
        List<Map<String, Object>> groups = given().auth().oauth2(AmendsTestStack.token("ana", "analyst"))
                .queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("groupBy", "category")
                .get("/reports/recovery").then().statusCode(200).extract().jsonPath().getList("groups");
        return groups.stream().filter(group -> category.equals(group.get("key"))).findFirst().orElseThrow();
    }

    /** The same over every incident the tests reported in the last nine years (a window is at most ten). */
    protected static Map<String, Object> reportGroup(String category) {
        return reportGroup(Instant.now().minus(Duration.ofDays(9 * 365)), Instant.now().plus(Duration.ofDays(30)), category);
    }

    /** intake's customer.personal-data-erased for the customer, as it publishes it; waits until it was applied. */
    protected void eraseCustomer(Customer customer) {
        publish(Topics.INCIDENTS, customer.ref(), 1, new CustomerPersonalDataErased(customer.ref(), Instant.now()));
    }

    /** An event on the topic under {@code key}, as its service publishes it; waits until survey-service applied it. */
    protected CloudEvent<EventData> publish(String topic, String key, long sequence, EventData data) {
        String source = topic.equals(Topics.INCIDENTS) ? "/intake-service" : "/resolution-service";
        CloudEvent<EventData> event = CloudEvent.of(UUID.randomUUID(), source, key, Instant.now(), sequence, data);
        publishAgain(topic, key, event);
        return event;
    }

    /** The same event once more, as a redelivery would bring it; waits until survey-service applied it. */
    protected void publishAgain(String topic, String key, CloudEvent<EventData> event) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, AmendsTestStack.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(EventRecords.of(topic, key, mapper.writeValueAsString(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event.type(), e);
        }
        awaitApplied(event.id());
    }

    /** Waits until survey-service has applied the event (its id is among those it processed). */
    protected void awaitApplied(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                Invitation.getEntityManager().createNativeQuery("select count(*) from processed_event where event_id = ?1")
                        .setParameter(1, eventId).getSingleResult()).toString().equals("1"));
    }

    /**
     * Resolves the case's current attempt, waits until survey-service has scheduled its invitation,
     * and runs the scheduled work at the moment it is due (one hour later); answers that moment.
     */
    protected Instant resolveAndInvite(String id, String expectedVerdict, String cause) {
        Instant due = resolve(id, expectedVerdict, cause).plus(Duration.ofHours(1));
        awaitInvitationScheduled(id, incident(id).attempt());
        runAt(due);
        return due;
    }

    /** A case resolved (with compensation when asked) and its invitation mailed: the link's token. */
    protected String mailedSurvey(Customer customer, boolean compensation) {
        String id = report(customer, "en", true);
        if (compensation) {
            offerCompensation(id);
        }
        resolveAndInvite(id, "YES", "SUPPLIER");
        assertThat(invitationState(id, 1)).isEqualTo(InvitationState.SENT);
        return Mailbox.of(customer.email()).get(0).token();
    }

    /** A lapse as intake publishes it, keyed by customerRef; waits until survey-service applied it. */
    protected void lapse(Customer customer, Instant lapsedAt, ValueTier tier) {
        clock.reset(); // read now: due an hour from now
        publish(Topics.INCIDENTS, customer.ref(), 1, new CustomerLapsed(customer.ref(), lapsedAt.truncatedTo(ChronoUnit.MILLIS), tier));
    }

    /** The customer (with an incident reported) lapsed now and was mailed the interview: the link's token. */
    protected String mailedInterview(Customer customer) {
        Instant read = Instant.now();
        lapse(customer, read, ValueTier.NORMAL);
        runAt(read.plus(INTERVIEW_SETTLE).plusSeconds(5));
        assertThat(interview(customer).state).isEqualTo(InterviewState.SENT);
        return Mailbox.of(customer.email()).get(0).token();
    }

/** The customer's one interview. */
    protected static Interview interview(Customer customer) {
        List<Interview> all = interviews(customer);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    protected static List<Interview> interviews(Customer customer) {
        return QuarkusTransaction.requiringNew().call(() -> Interview.<Interview>list("customerRef", customer.ref()));
    }

    /** Runs survey-service's scheduled work as if it were {@code instant}. */
    protected void runAt(Instant instant) {
        clock.setTo(instant);
        timers.runDue();
    }

    /** Waits until survey-service has seen the resolution of {@code attempt}. */
    protected void awaitInvitationScheduled(String id, int attempt) {
        await().atMost(Duration.ofSeconds(30)).until(() -> invitationState(id, attempt) != null);
    }

    /** The state of the attempt's invitation, null while survey-service has not scheduled one. */
    protected InvitationState invitationState(String id, int attempt) {
        return QuarkusTransaction.requiringNew().call(() -> Invitation.<Invitation>find("incidentId = ?1 and attempt = ?2",
                UUID.fromString(id), attempt).firstResultOptional().map(invitation -> invitation.state).orElse(null));
    }

    /** The survey events for the incident, once at least {@code count} are there. */
    protected List<JsonNode> surveyEvents(String id, int count) {
        try (TopicReader surveys = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.SURVEYS)) {
            List<ConsumerRecord<String, String>> records = surveys.await(TopicReader.key(id), count, Duration.ofSeconds(30));
            return records.stream().map(record -> {
                try {
                    return mapper.readTree(record.value());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    /** Every row of every table of survey-service's database whose text contains one of the values. */
    protected List<String> rowsMentioning(List<String> values) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("select row_to_json(t)::text from \"" + table + "\" t")) {
                    while (rows.next()) {
                        String row = rows.getString(1);
                        if (values.stream().anyMatch(row::contains)) {
                            found.add(table + ": " + row);
                        }
                    }
                }
            }
        }
        return found;
    }

    protected static String url(String module) {
        return ConfigProvider.getConfig().getValue("amends.test." + module + ".url", String.class);
    }
}
