package dev.amends.common.problem;

import dev.amends.common.domain.ConflictException;
import dev.amends.common.domain.DomainException;
import dev.amends.common.domain.ExpiredException;
import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.domain.NotFoundException;
import dev.amends.common.domain.StaleVersionException;
import dev.amends.common.domain.UnavailableException;

import java.util.List;
import java.util.Map;

/**
 * A request that cannot be served, with what the client should know. The web layer throws it;
 * services throw a {@link DomainException}, answered through {@link #of}. {@link ProblemMappers}
 * turns both into problem+json once for all.
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
        return of(new InvalidInputException(violations));
    }

    /** How the web answers a command the domain refused. */
    public static ProblemException of(DomainException refused) {
        String detail = refused.getMessage();
        if (refused instanceof InvalidInputException invalid) {
            return new ProblemException(400, "Invalid request", detail, invalid.violations(), Map.of());
        } else if (refused instanceof NotFoundException) {
            return notFound(detail);
        } else if (refused instanceof ConflictException) {
            return conflict(detail);
        } else if (refused instanceof StaleVersionException) {
            return new ProblemException(412, "Precondition failed", detail);
        } else if (refused instanceof ExpiredException) {
            return new ProblemException(410, "Gone", detail);
        } else if (refused instanceof UnavailableException) {
            return new ProblemException(503, "Service unavailable", detail, null,
                    Map.of("Retry-After", ProblemMappers.RETRY_AFTER_SECONDS));
        }
        throw new IllegalArgumentException("no answer for " + refused.getClass());
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
