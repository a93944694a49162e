package dev.amends.common.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds problem+json answers. */
public final class Problems {

    private static final String TYPE_BASE = "https://amends.dev/problems/";

    public static Problem problem(int status, String title, String detail, String instance,
                                  List<Violation> violations) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return new Problem(TYPE_BASE + slug, title, status, detail, instance, violations);
    }

    static Response response(int status, String title, String detail, UriInfo uri,
                             List<Violation> violations, Map<String, String> headers) {
        String instance = uri == null ? null : uri.getRequestUri().getRawPath();
        Response.ResponseBuilder builder = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(problem(status, title, detail, instance, violations));
        headers.forEach(builder::header);
        return builder.build();
    }

    static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    static String genericDetail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This method is not allowed on this path.";
            case 406 -> "This resource answers application/json only.";
            case 413 -> "The body is larger than allowed.";
            case 415 -> "The body must be application/json.";
            default -> reason(status) + ".";
        };
    }

    private Problems() {
    }
}
