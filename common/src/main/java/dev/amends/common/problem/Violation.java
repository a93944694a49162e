package dev.amends.common.problem;

/** One bad field of a request: {@code field} is a dotted path such as {@code customer.email}. */
public record Violation(String field, String message) {
}
