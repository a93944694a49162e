package dev.amends.common.domain;

import dev.amends.common.problem.Violation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Values the domain rules refuse, every bad field named once (its messages joined), sorted by field. */
public final class InvalidInputException extends DomainException {

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super("The request has " + merged(violations).size() + " invalid field(s): see violations.");
        this.violations = merged(violations);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static List<Violation> merged(List<Violation> violations) {
        Map<String, String> byField = new TreeMap<>();
        violations.forEach(v -> byField.merge(v.field(), v.message(), (first, next) -> first + "; " + next));
        return byField.entrySet().stream().map(entry -> new Violation(entry.getKey(), entry.getValue())).toList();
    }
}
