package dev.amends.common.http;

import dev.amends.common.problem.Violation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The list rules every service shares: {@code page} 0-based (default 0), {@code size} default 50,
 * at most 500, and no deeper than {@link #MAX_DEPTH} rows ({@code (page + 1) × size}); answers
 * carry {@code X-Total-Count} and an RFC 8288 {@code Link} (next/prev).
 */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    /** Deeper pages cost the database a scan of every row before them: narrow the filters instead. */
    public static final long MAX_DEPTH = 1_000_000;
    public static final String TOTAL_COUNT_HEADER = "X-Total-Count";

    /** Reads page and size, adding a violation for each bad one. */
    public static Paging of(String page, String size, List<Violation> violations) {
        int pageNumber = parse("page", page, 0, 0, Integer.MAX_VALUE, violations);
        int pageSize = parse("size", size, DEFAULT_SIZE, 1, MAX_SIZE, violations);
        if ((pageNumber + 1L) * pageSize > MAX_DEPTH) {
            violations.add(new Violation("page", "(page + 1) × size must be at most " + MAX_DEPTH
                    + ": narrow the filters instead"));
        }
        return new Paging(pageNumber, pageSize);
    }

    /** A 200 answer with the page's items and the paging headers. */
    public Response.ResponseBuilder answer(Object items, long total, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(items).header(TOTAL_COUNT_HEADER, total);
        List<String> links = new ArrayList<>();
        if ((long) (page + 1) * size < total) {
            links.add(link(uri, page + 1, "next"));
        }
        if (page > 0) {
            long lastPage = total == 0 ? 0 : (total - 1) / size;
            links.add(link(uri, (int) Math.min(page - 1, lastPage), "prev"));
        }
        if (!links.isEmpty()) {
            response.header("Link", String.join(", ", links));
        }
        return response;
    }

    private String link(UriInfo uri, int targetPage, String rel) {
        var target = uri.getRequestUriBuilder()
                .replaceQueryParam("page", targetPage)
                .replaceQueryParam("size", size)
                .build();
        return "<" + target.getRawPath() + "?" + target.getRawQuery() + ">; rel=\"" + rel + "\"";
    }

    private static int parse(String name, String value, int fallback, int min, int max, List<Violation> violations) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new Violation(name, "must be an integer from " + min + " to " + max));
        return fallback;
    }
}
