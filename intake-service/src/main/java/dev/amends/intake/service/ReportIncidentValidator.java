package dev.amends.intake.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.Channel;
import dev.amends.common.events.Severity;
import dev.amends.common.json.Instants;
import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.problem.Violation;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.config.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every rule of the {@code POST /incidents} body. The JSON Schema covers types, enums, lengths,
 * patterns, required and unknown properties; the rest (contact formats, at least one contact,
 * the locale, occurredAt) is checked here on the same tree, so one answer lists every violation.
 */
@ApplicationScoped
public class ReportIncidentValidator {

    private static final RequestSchema SCHEMA = RequestSchema.load("schemas/requests/report-incident.json");
    /** The WHATWG HTML "valid email address". */
    private static final Pattern EMAIL = Pattern.compile(
            "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{1,14}$");
    private static final String DEFAULT_LOCALE = "en";

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
        notBlank(json, "summary", "summary", violations);
        notBlank(json, "externalRef", "externalRef", violations);
        occurredAt(json.get("occurredAt"), violations);
        JsonNode customer = json.get("customer");
        if (customer == null || !customer.isObject()) {
            return;
        }
        notBlank(customer, "id", "customer.id", violations);
        notBlank(customer, "name", "customer.name", violations);
        JsonNode email = customer.get("email");
        JsonNode phone = customer.get("phone");
        boolean hasEmail = email != null && !email.isNull();
        boolean hasPhone = phone != null && !phone.isNull();
        if (!hasEmail && !hasPhone) {
            violations.add(new Violation("customer.email", "an email or a phone is required"));
        }
        if (hasEmail && email.isTextual() && !EMAIL.matcher(email.asText()).matches()) {
            violations.add(new Violation("customer.email", "must be a valid email address"));
        }
        if (hasPhone && phone.isTextual() && !E164.matcher(phone.asText()).matches()) {
            violations.add(new Violation("customer.phone", "must be an E.164 number such as +4799999999"));
        }
        JsonNode locale = customer.get("locale");
        if (locale != null && locale.isTextual() && !locale.asText().isEmpty() && !isLanguageTag(locale.asText())) {
            violations.add(new Violation("customer.locale", "must be a BCP 47 language tag such as nb-NO"));
        }
    }

    private void occurredAt(JsonNode occurredAt, List<Violation> violations) {
        if (occurredAt == null || !occurredAt.isTextual()) {
            return;
        }
        Instant instant = parseInstant(occurredAt.asText());
        if (instant == null) {
            violations.add(new Violation("occurredAt", "must be an RFC 3339 date-time such as 2026-11-20T10:00:00Z"));
        } else if (instant.isAfter(clock.instant().plus(maxFutureSkew))) {
            violations.add(new Violation("occurredAt", "must not be more than "
                    + maxFutureSkew.toMinutes() + " minutes in the future"));
        }
    }

    private static void notBlank(JsonNode object, String property, String field, List<Violation> violations) {
        JsonNode value = object.get(property);
        if (value != null && value.isTextual() && !value.asText().isEmpty() && value.asText().isBlank()) {
            violations.add(new Violation(field, "must not be blank"));
        }
    }

    private static boolean isLanguageTag(String tag) {
        try {
            new Locale.Builder().setLanguageTag(tag);
            return true;
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ReportIncident bind(JsonNode json) {
        JsonNode customer = json.get("customer");
        String category = text(json, "category");
        String severity = text(json, "severity");
        String occurredAt = text(json, "occurredAt");
        String locale = text(customer, "locale");
        return new ReportIncident(
                text(json, "source"),
                text(json, "externalRef"),
                Channel.valueOf(text(json, "channel")),
                category == null ? null : category.toLowerCase(Locale.ROOT),
                severity == null ? Severity.MEDIUM : Severity.valueOf(severity),
                text(json, "summary"),
                text(json, "description"),
                occurredAt == null ? null : Instants.truncate(parseInstant(occurredAt)),
                json.path("public").asBoolean(false),
                text(customer, "id"),
                text(customer, "name"),
                text(customer, "email"),
                text(customer, "phone"),
                locale == null ? DEFAULT_LOCALE : locale);
    }

    private static String text(JsonNode object, String property) {
        JsonNode value = object.get(property);
        return value == null || value.isNull() ? null : value.asText();
    }
}
