package dev.amends.intake.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.Channel;
import dev.amends.common.events.Severity;
import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.problem.Violation;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.config.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Every rule of the {@code POST /incidents} body. The JSON Schema covers types, enums, lengths,
 * patterns, required and unknown properties; the rest (contact formats, at least one contact,
 * the locale, occurredAt) is checked here on the same tree, so one answer lists every violation.
 */
@ApplicationScoped
public class ReportIncidentValidator {

    private static final RequestSchema SCHEMA = RequestSchema.load("schemas/requests/report-incident.json");

    private final Clock clock;
    private final Duration maxFutureSkew;

    @Inject
    public ReportIncidentValidator(Clock clock, IntakeConfig config) {
        this(clock, config.maxFutureSkew());
    }

    /** {@code occurredAt} may be at most {@code maxFutureSkew} ahead of the clock. */
    public ReportIncidentValidator(Clock clock, Duration maxFutureSkew) {
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
    }

    /** The validated request, or a 400 problem listing every violation. */
    public ReportIncident validate(String body, JsonNode json) {
        List<Violation> violations = new ArrayList<>(SCHEMA.violations(body));
        if (json.isObject()) {
            checkRules(json, violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return bind(json);
    }

    private void checkRules(JsonNode json, List<Violation> violations) {
        BodyRules.notBlank(json, "summary", "summary", violations);
        BodyRules.notBlank(json, "externalRef", "externalRef", violations);
        Instant occurredAt = BodyRules.instant(json, "occurredAt", violations);
        if (occurredAt != null && occurredAt.isAfter(clock.instant().plus(maxFutureSkew))) {
            violations.add(new Violation("occurredAt", "must not be more than "
                    + maxFutureSkew.toMinutes() + " minutes in the future"));
        }
        BodyRules.customer(json.get("customer"), "", violations);
    }

    private static ReportIncident bind(JsonNode json) {
        String category = text(json, "category");
        String severity = text(json, "severity");
        String occurredAt = text(json, "occurredAt");
        String disruptionId = text(json, "disruptionId");
        return new ReportIncident(
                text(json, "source"),
                text(json, "externalRef"),
                Channel.valueOf(text(json, "channel")),
                category == null ? null : category.toLowerCase(Locale.ROOT),
                severity == null ? Severity.MEDIUM : Severity.valueOf(severity),
                text(json, "summary"),
                text(json, "description"),
                occurredAt == null ? null : BodyRules.parseInstant(occurredAt),
                json.path("public").asBoolean(false),
                BodyRules.bindCustomer(json.get("customer")),
                disruptionId == null ? null : UUID.fromString(disruptionId));
    }

    private static String text(JsonNode object, String property) {
        return BodyRules.text(object, property);
    }
}
