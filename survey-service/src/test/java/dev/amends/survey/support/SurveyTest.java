package dev.amends.survey.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.Topics;
import dev.amends.survey.repository.Invitation;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.service.InvitationTimers;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.SettableClock;
import dev.amends.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the survey tests share: incidents posted to the real intake-service, cases driven on the
 * real resolution-service, the survey-service clock and its scheduled work, events on the topic.
 */
public abstract class SurveyTest {

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
    }

    /** Posts an incident to intake-service and waits for its case in resolution-service. */
    protected String report(Customer customer, String locale, boolean withEmail) {
        return report(customer, locale, withEmail, "delivery");
    }

    protected String report(Customer customer, String locale, boolean withEmail, String category) {
        String contact = withEmail ? "\"email\": \"" + customer.email() + "\"" : "\"phone\": \"+4799999999\"";
        String id = given().baseUri(url("intake-service")).auth().oauth2(AmendsTestStack.token("webshop", "reporter"))
                .contentType(ContentType.JSON)
                .body("{\"source\": \"webshop\", \"channel\": \"EMAIL\", \"category\": \"" + category + "\", \"summary\": \"Wrong item\", "
                        + "\"customer\": {\"id\": \"" + customer.id() + "\", \"name\": \"Kari Nordmann\", " + contact
                        + ", \"locale\": \"" + locale + "\"}}")
                .post("/incidents").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                agentOnCases().get("/cases/" + id).then().statusCode(200));
        return id;
    }

    /** Acknowledges (when still open) and resolves the case; answers its resolvedAt. */
    protected Instant resolve(String id, String expectedVerdict) {
        return resolve(id, expectedVerdict, "SUPPLIER");
    }

    protected Instant resolve(String id, String expectedVerdict, String cause) {
        String status = agentOnCases().get("/cases/" + id).then().extract().path("status");
        if ("OPEN".equals(status)) {
            agentOnCases().body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        }
        agentOnCases().body("{\"outcome\": \"FIXED\", \"summary\": \"Sent the right one\", \"cause\": \"" + cause + "\", "
                        + "\"expectedVerdict\": \"" + expectedVerdict + "\"}")
                .post("/cases/" + id + "/resolution").then().statusCode(200);
        int attempt = agentOnCases().get("/cases/" + id).then().extract().path("attempt");
        return Instant.parse(agentOnCases().get("/cases/" + id).then().extract()
                .path("resolutions[" + (attempt - 1) + "].resolvedAt"));
    }

    /**
     * Resolves the case's current attempt, waits until survey-service has scheduled its invitation,
     * and runs the scheduled work at the moment it is due (one hour later); answers that moment.
     */
    protected Instant resolveAndInvite(String id, String expectedVerdict, String cause) {
        Instant due = resolve(id, expectedVerdict, cause).plus(Duration.ofHours(1));
        int attempt = agentOnCases().get("/cases/" + id).then().extract().path("attempt");
        awaitInvitationScheduled(id, attempt);
        runAt(due);
        return due;
    }

    /** A case resolved (with compensation when asked) and its invitation mailed: the link's token. */
    protected String mailedSurvey(Customer customer, boolean compensation) {
        String id = report(customer, "en", true);
        if (compensation) {
            agentOnCases().body("{\"kind\": \"GIFT\", \"amount\": 100, \"currency\": \"NOK\", \"description\": \"Flowers\"}")
                    .post("/cases/" + id + "/compensations").then().statusCode(201);
        }
        resolveAndInvite(id, "YES", "SUPPLIER");
        assertThat(invitationState(id, 1)).isEqualTo(InvitationState.SENT);
        return Mailbox.of(customer.email()).get(0).token();
    }

    protected RequestSpecification agentOnCases() {
        return given().baseUri(url("resolution-service")).auth().oauth2(AmendsTestStack.token("ola", "agent"))
                .contentType(ContentType.JSON);
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
