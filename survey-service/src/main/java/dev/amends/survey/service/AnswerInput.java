package dev.amends.survey.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.ComparedToBefore;
import dev.amends.common.events.CustomerCause;
import dev.amends.common.events.Verdict;
import dev.amends.common.problem.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** One customer's answers, read from the JSON body or the page's form, with what is wrong with them. */
public record AnswerInput(Verdict resolvedSatisfactorily, Integer satisfaction, ComparedToBefore comparedToBefore,
                          Integer fairCompensation, Integer speed, CustomerCause cause, String comment) {

    public static final int COMMENT_LIMIT = 2000;

    /** A body the request schema has accepted already. */
    public static AnswerInput fromJson(JsonNode json) {
        return new AnswerInput(Verdict.valueOf(json.get("resolvedSatisfactorily").asText()),
                integer(json.get("satisfaction")), constant(json.get("comparedToBefore"), ComparedToBefore::valueOf),
                integer(json.get("fairCompensation")), integer(json.get("speed")),
                constant(json.get("cause"), CustomerCause::valueOf), text(json.get("comment")));
    }

    /** The page's form: every field a string, an empty one is no answer. */
    public static AnswerInput fromForm(Map<String, String> form, List<Violation> violations) {
        Verdict verdict = choice(form, "resolvedSatisfactorily", Verdict::valueOf, violations);
        if (verdict == null && violations.isEmpty()) {
            violations.add(new Violation("resolvedSatisfactorily", "is required"));
        }
        String comment = blankToNull(form.get("comment"));
        if (comment != null && comment.length() > COMMENT_LIMIT) {
            violations.add(new Violation("comment", "must be at most " + COMMENT_LIMIT + " characters"));
        }
        return new AnswerInput(verdict, rating(form, "satisfaction", violations),
                choice(form, "comparedToBefore", ComparedToBefore::valueOf, violations),
                rating(form, "fairCompensation", violations), rating(form, "speed", violations),
                choice(form, "cause", CustomerCause::valueOf, violations), comment);
    }

    private static Integer rating(Map<String, String> form, String field, List<Violation> violations) {
        String value = blankToNull(form.get(field));
        if (value == null) {
            return null;
        }
        if (!value.matches("[1-5]")) {
            violations.add(new Violation(field, "must be a whole number from 1 to 5"));
            return null;
        }
        return Integer.valueOf(value);
    }

    private static <E extends Enum<E>> E choice(Map<String, String> form, String field, Function<String, E> parse,
                                                List<Violation> violations) {
        String value = blankToNull(form.get(field));
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field, "is not one of the choices"));
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Integer integer(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static <E> E constant(JsonNode node, Function<String, E> parse) {
        return node == null || node.isNull() ? null : parse.apply(node.asText());
    }

    /** Violations no schema can see: fairCompensation only where compensation was offered. */
    public List<Violation> violationsFor(boolean compensationOffered) {
        List<Violation> violations = new ArrayList<>();
        if (fairCompensation != null && !compensationOffered) {
            violations.add(new Violation("fairCompensation", "is asked only when compensation was offered"));
        }
        return violations;
    }
}
