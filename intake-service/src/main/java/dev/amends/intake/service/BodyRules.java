package dev.amends.intake.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.json.Instants;
import dev.amends.common.problem.Violation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of intake's bodies that a JSON Schema cannot say, on the parsed tree: the customer's
 * contact (incidents and affected lists alike), blank texts, instants. Each adds a violation
 * naming its field; {@code prefix} places the field (such as {@code "line 17: "}).
 */
public final class BodyRules {

    /** The WHATWG HTML "valid email address". */
    private static final Pattern EMAIL = Pattern.compile(
            "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{1,14}$");
    private static final String DEFAULT_LOCALE = "en";

    public static void customer(JsonNode customer, String prefix, List<Violation> violations) {
        if (customer == null || !customer.isObject()) {
            return;
        }
        notBlank(customer, "id", prefix + "customer.id", violations);
        notBlank(customer, "name", prefix + "customer.name", violations);
        JsonNode email = customer.get("email");
        JsonNode phone = customer.get("phone");
        boolean hasEmail = email != null && !email.isNull();
        boolean hasPhone = phone != null && !phone.isNull();
        if (!hasEmail && !hasPhone) {
            violations.add(new Violation(prefix + "customer.email", "an email or a phone is required"));
        }
        if (hasEmail && email.isTextual() && !EMAIL.matcher(email.asText()).matches()) {
            violations.add(new Violation(prefix + "customer.email", "must be a valid email address"));
        }
        if (hasPhone && phone.isTextual() && !E164.matcher(phone.asText()).matches()) {
            violations.add(new Violation(prefix + "customer.phone", "must be an E.164 number such as +4799999999"));
        }
        JsonNode locale = customer.get("locale");
        if (locale != null && locale.isTextual() && !locale.asText().isEmpty() && !isLanguageTag(locale.asText())) {
            violations.add(new Violation(prefix + "customer.locale", "must be a BCP 47 language tag such as nb-NO"));
        }
    }

    /** The customer of a valid body, the locale defaulted. */
    public static CustomerContact bindCustomer(JsonNode customer) {
        String locale = text(customer, "locale");
        return new CustomerContact(text(customer, "id"), text(customer, "name"), text(customer, "email"),
                text(customer, "phone"), locale == null ? DEFAULT_LOCALE : locale);
    }

    public static void notBlank(JsonNode object, String property, String field, List<Violation> violations) {
        JsonNode value = object.get(property);
        if (value != null && value.isTextual() && !value.asText().isEmpty() && value.asText().isBlank()) {
            violations.add(new Violation(field, "must not be blank"));
        }
    }

    /** The instant of a textual field, or null (with a violation when it is there but no RFC 3339 date-time). */
    public static Instant instant(JsonNode object, String field, List<Violation> violations) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        Instant instant = parseInstant(value.asText());
        if (instant == null) {
            violations.add(new Violation(field, "must be an RFC 3339 date-time such as 2026-11-20T10:00:00Z"));
        }
        return instant;
    }

    public static Instant parseInstant(String text) {
        try {
            return Instants.truncate(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static String text(JsonNode object, String property) {
        JsonNode value = object.get(property);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static boolean isLanguageTag(String tag) {
        try {
            new Locale.Builder().setLanguageTag(tag);
            return true;
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    private BodyRules() {
    }
}
