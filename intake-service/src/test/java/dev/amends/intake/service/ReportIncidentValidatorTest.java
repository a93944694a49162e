package dev.amends.intake.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.events.Channel;
import dev.amends.common.events.Severity;
import dev.amends.common.problem.Violation;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The rules of POST /incidents that the schema cannot say, and the binding, without the running service. */
class ReportIncidentValidatorTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ReportIncidentValidator validator =
            new ReportIncidentValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    @Test
    void bindsAValidIncidentWithItsDefaults() throws Exception {
        ReportIncident incident = validate("""
                {"source": "webshop", "channel": "EMAIL", "category": "Delivery", "summary": "Wrong item",
                 "occurredAt": "2026-12-02T10:04:59.123456+00:00",
                 "customer": {"id": "C-1", "name": "Kari", "email": "kari@example.no"}}""");

        assertThat(incident.channel()).isEqualTo(Channel.EMAIL);
        assertThat(incident.category()).isEqualTo("delivery");
        assertThat(incident.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(incident.isPublic()).isFalse();
        assertThat(incident.customer().locale()).isEqualTo("en");
        assertThat(incident.occurredAt()).isEqualTo(Instant.parse("2026-12-02T10:04:59.123Z"));
    }

    @Test
    void refusesACustomerWithNeitherEmailNorPhone() throws Exception {
        assertThat(violations("""
                {"source": "webshop", "channel": "EMAIL", "summary": "Wrong item", "customer": {"id": "C-1"}}"""))
                .containsExactly(new Violation("customer.email", "an email or a phone is required"));
    }

    @Test
    void refusesAnInvalidEmailPhoneAndLocaleAllAtOnce() throws Exception {
        assertThat(violations("""
                {"source": "webshop", "channel": "EMAIL", "summary": "Wrong item",
                 "customer": {"id": "C-1", "email": "kari@", "phone": "004799999999", "locale": "no_NO!"}}"""))
                .extracting(Violation::field)
                .containsExactlyInAnyOrder("customer.email", "customer.phone", "customer.locale");
    }

    @Test
    void refusesBlankTextTheSchemaLetsThrough() throws Exception {
        assertThat(violations("""
                {"source": "webshop", "channel": "EMAIL", "summary": "   ", "externalRef": " ",
                 "customer": {"id": "\\t", "name": " ", "phone": "+4799999999"}}"""))
                .extracting(Violation::field)
                .containsExactlyInAnyOrder("summary", "externalRef", "customer.id", "customer.name");
    }

    @Test
    void refusesAnOccurredAtTooFarInTheFutureOrNotADateTime() throws Exception {
        String body = """
                {"source": "webshop", "channel": "EMAIL", "summary": "Wrong item", "occurredAt": "%s",
                 "customer": {"id": "C-1", "phone": "+4799999999"}}""";
        assertThat(violations(body.formatted("2026-12-02T10:05:01Z")))
                .containsExactly(new Violation("occurredAt", "must not be more than 5 minutes in the future"));
        assertThat(violations(body.formatted("yesterday"))).extracting(Violation::field).containsExactly("occurredAt");
        validate(body.formatted("2026-12-02T10:05:00Z"));
    }

    @Test
    void listsSchemaViolationsTogetherWithTheRulesInCode() throws Exception {
        assertThat(violations("""
                {"source": "Web Shop", "channel": "FAX", "summary": "Wrong item", "customer": {"id": "C-1"}}"""))
                .extracting(Violation::field)
                .contains("source", "channel", "customer.email");
    }

    private ReportIncident validate(String body) throws Exception {
        JsonNode json = JSON.readTree(body);
        return validator.validate(body, json);
    }

    private List<Violation> violations(String body) throws Exception {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> validate(body));
        assertThat(refused).as("refused").isNotNull();
        return refused.violations();
    }
}
