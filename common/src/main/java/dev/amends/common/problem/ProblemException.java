package dev.amends.common.problem;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request that cannot be served, with what the client should know. Services throw it (or a
 * subclass) from any layer; {@link ProblemMappers} turns it into problem+json once for all.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Violation> violations;
    private final Map<String, String> headers;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null, Map.of());
    }

    public ProblemException(int status, String title, String detail, List<Violation> violations,
                            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.violations = violations;
        this.headers = headers;
    }

    /** A 400 naming every bad field once (several messages for one field are joined), sorted by field. */
    public static ProblemException invalid(List<Violation> violations) {
        Map<String, String> byField = new TreeMap<>();
        violations.forEach(v -> byField.merge(v.field(), v.message(), (first, next) -> first + "; " + next));
        List<Violation> merged = byField.entrySet().stream()
                .map(entry -> new Violation(entry.getKey(), entry.getValue()))
                .toList();
        return new ProblemException(400, "Invalid request",
                "The request has " + merged.size() + " invalid field(s): see violations.", merged, Map.of());
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
