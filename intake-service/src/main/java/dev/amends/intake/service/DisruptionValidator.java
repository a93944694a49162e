package dev.amends.intake.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.events.Severity;
import dev.amends.common.problem.Violation;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.config.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of {@code POST /disruptions} and {@code PATCH /disruptions/{id}} beyond their JSON
 * Schemas: instants, {@code startedAt} at most the skew in the future, {@code endedAt} not before it.
 */
@ApplicationScoped
public class DisruptionValidator {

    private static final RequestSchema DECLARE = RequestSchema.load("schemas/requests/declare-disruption.json");
    private static final RequestSchema END = RequestSchema.load("schemas/requests/end-disruption.json");

    private final Clock clock;
    private final Duration maxFutureSkew;

    public DisruptionValidator(Clock clock, IntakeConfig config) {
        this.clock = clock;
        this.maxFutureSkew = config.maxFutureSkew();
    }

    public DeclareDisruption declaration(String body, JsonNode json) {
        List<Violation> violations = new ArrayList<>(DECLARE.violations(body));
        if (!json.isObject()) {
            throw new InvalidInputException(violations);
        }
        BodyRules.notBlank(json, "summary", "summary", violations);
        BodyRules.notBlank(json, "externalRef", "externalRef", violations);
        Instant startedAt = BodyRules.instant(json, "startedAt", violations);
        if (startedAt != null && startedAt.isAfter(clock.instant().plus(maxFutureSkew))) {
            violations.add(new Violation("startedAt", "must not be more than " + maxFutureSkew.toMinutes()
                    + " minutes in the future"));
        }
        Instant endedAt = BodyRules.instant(json, "endedAt", violations);
        if (startedAt != null && endedAt != null && endedAt.isBefore(startedAt)) {
            violations.add(new Violation("endedAt", "must not be before startedAt"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String category = BodyRules.text(json, "category");
        return new DeclareDisruption(BodyRules.text(json, "source"), BodyRules.text(json, "externalRef"),
                category == null ? null : category.toLowerCase(Locale.ROOT),
                Severity.valueOf(BodyRules.text(json, "severity")),
                BodyRules.text(json, "summary"), BodyRules.text(json, "description"), startedAt, endedAt,
                json.path("public").asBoolean(false));
    }

    /** The new {@code endedAt} (null: not ended after all); whether it is before the start is the service's to say. */
    public Instant endedAt(String body, JsonNode json) {
        List<Violation> violations = new ArrayList<>(END.violations(body));
        Instant endedAt = json.isObject() ? BodyRules.instant(json, "endedAt", violations) : null;
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return endedAt;
    }
}
