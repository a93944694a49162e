package dev.amends.common.http;

import dev.amends.common.problem.Violation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Query parameters read as text and checked here, so a bad one is a 400 problem, never a 404. */
public final class QueryParams {

    public static Instant instant(String name, String value, List<Violation> violations) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new Violation(name, "must be an RFC 3339 date-time such as 2026-11-20T10:00:00Z"));
            return null;
        }
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type, List<Violation> violations) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(name, "must be one of " + List.of(type.getEnumConstants())));
            return null;
        }
    }

    /** A UUID as the contract writes them (lower-case, hyphenated). */
    public static UUID uuid(String name, String value, List<Violation> violations) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Optional<UUID> id = Ids.parse(value);
        if (id.isEmpty()) {
            violations.add(new Violation(name, "must be a UUID such as 3f2b8a9e-1c4d-4e5f-8a7b-9c0d1e2f3a4b"));
        }
        return id.orElse(null);
    }

    /** Text of at most {@code maxLength} characters without control characters (the database refuses NUL). */
    public static String text(String name, String value, int maxLength, List<Violation> violations) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > maxLength) {
            violations.add(new Violation(name, "must be at most " + maxLength + " characters"));
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation(name, "must not contain control characters"));
            return null;
        }
        return value;
    }

    private QueryParams() {
    }
}
