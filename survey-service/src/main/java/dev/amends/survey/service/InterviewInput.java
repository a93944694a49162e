package dev.amends.survey.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.LapseReason;
import dev.amends.common.problem.Violation;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A lapsed customer's answers to the exit interview, read from the JSON body or the page's form. */
public record InterviewInput(LapseReason reason, Integer incidentWeight, Boolean mayContact, String comment) {

    /** A body the request schema has accepted already. */
    public static InterviewInput fromJson(JsonNode json) {
        JsonNode weight = json.get("incidentWeight");
        JsonNode comment = json.get("comment");
        return new InterviewInput(LapseReason.valueOf(json.get("reason").asText()),
                weight == null || weight.isNull() ? null : weight.asInt(), json.get("mayContact").asBoolean(),
                comment == null || comment.isNull() ? null : comment.asText());
    }

    /** The page's form: every field a string, an empty one is no answer. */
    public static InterviewInput fromForm(Map<String, String> form, List<Violation> violations) {
        LapseReason reason = null;
        String presented = blankToNull(form.get("reason"));
        if (presented == null) {
            violations.add(new Violation("reason", "is required"));
        } else {
            try {
                reason = LapseReason.valueOf(presented.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("reason", "is not one of the choices"));
            }
        }
        Integer weight = null;
        String presentedWeight = blankToNull(form.get("incidentWeight"));
        if (presentedWeight != null && presentedWeight.matches("[1-5]")) {
            weight = Integer.valueOf(presentedWeight);
        } else if (presentedWeight != null) {
            violations.add(new Violation("incidentWeight", "must be a whole number from 1 to 5"));
        }
        Boolean mayContact = switch (String.valueOf(blankToNull(form.get("mayContact")))) {
            case "true" -> true;
            case "false" -> false;
            case "null" -> {
                violations.add(new Violation("mayContact", "is required"));
                yield null;
            }
            default -> {
                violations.add(new Violation("mayContact", "must be true or false"));
                yield null;
            }
        };
        String comment = blankToNull(form.get("comment"));
        if (comment != null && comment.length() > AnswerInput.COMMENT_LIMIT) {
            violations.add(new Violation("comment", "must be at most " + AnswerInput.COMMENT_LIMIT + " characters"));
        }
        return new InterviewInput(reason, weight, mayContact, comment);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
