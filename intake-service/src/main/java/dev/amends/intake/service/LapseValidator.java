package dev.amends.intake.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.events.ValueTier;
import dev.amends.common.problem.Violation;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.config.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The rules of {@code POST /lapses} and {@code POST /returns} beyond their schemas: the instant, at most the skew ahead. */
@ApplicationScoped
public class LapseValidator {

    private static final RequestSchema LAPSE = RequestSchema.load("schemas/requests/record-lapse.json");
    private static final RequestSchema RETURN = RequestSchema.load("schemas/requests/record-return.json");

    private final Clock clock;
    private final Duration maxFutureSkew;

    public LapseValidator(Clock clock, IntakeConfig config) {
        this.clock = clock;
        this.maxFutureSkew = config.maxFutureSkew();
    }

    public LapseRequest lapse(String body, JsonNode json) {
        List<Violation> violations = new ArrayList<>(LAPSE.violations(body));
        Instant lapsedAt = checked(json, "lapsedAt", violations);
        String tier = BodyRules.text(json, "valueTier");
        return new LapseRequest(BodyRules.text(json, "source"), BodyRules.text(json, "customerId"), lapsedAt,
                tier == null ? ValueTier.NORMAL : ValueTier.valueOf(tier));
    }

    public ReturnRequest customerReturn(String body, JsonNode json) {
        List<Violation> violations = new ArrayList<>(RETURN.violations(body));
        Instant returnedAt = checked(json, "returnedAt", violations);
        return new ReturnRequest(BodyRules.text(json, "source"), BodyRules.text(json, "customerId"), returnedAt);
    }

    /** The instant, once every rule of the body holds; otherwise the violations, all of them. */
    private Instant checked(JsonNode json, String field, List<Violation> violations) {
        if (!json.isObject()) {
            throw new InvalidInputException(violations);
        }
        BodyRules.notBlank(json, "customerId", "customerId", violations);
        Instant instant = BodyRules.instant(json, field, violations);
        if (instant != null && instant.isAfter(clock.instant().plus(maxFutureSkew))) {
            violations.add(new Violation(field, "must not be more than " + maxFutureSkew.toMinutes() + " minutes in the future"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return instant;
    }
}
