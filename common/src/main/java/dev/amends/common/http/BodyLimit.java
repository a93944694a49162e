package dev.amends.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.problem.Problem;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The body limit, however a body is sent. A declared {@code Content-Length} over it is answered
 * before anything reads the body (the HTTP layer's own limit answers a bare 413 that no exception
 * mapper sees); a chunked body is cut off by {@link StrictUtf8Bodies} once it passes the limit.
 * Either way the answer is problem+json and the connection closes, so the rest is never read.
 */
@ApplicationScoped
public class BodyLimit {

    private static final String TITLE = "Content too large";

    @ConfigProperty(name = "amends.http.max-body-bytes", defaultValue = "65536")
    long maxBodyBytes;

    /** Paths (a regular expression) that take bulk bodies, such as a disruption's affected list. */
    @ConfigProperty(name = "amends.http.bulk-body-paths")
    Optional<Pattern> bulkBodyPaths;

    @ConfigProperty(name = "amends.http.max-bulk-body-bytes", defaultValue = "8388608")
    long maxBulkBodyBytes;

    void install(@Observes Router router, ObjectMapper mapper) {
        router.route().order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long limit = limitFor(ctx.request().path());
            if (length != null && declaredTooLarge(length, limit)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(json(mapper, Problems.problem(413, TITLE, detail(limit), ctx.request().path(), null)));
                return;
            }
            ctx.next();
        });
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public long maxBulkBodyBytes() {
        return maxBulkBodyBytes;
    }

    /** The 413 for a body found too large while reading it. */
    public ProblemException tooLarge() {
        return tooLarge(detail(maxBodyBytes));
    }

    /** The 413 for a bulk body found too large while reading it: {@code detail} says what was too much. */
    public ProblemException tooLarge(String detail) {
        return new ProblemException(413, TITLE, detail, null, Map.of(HttpHeaders.CONNECTION.toString(), "close"));
    }

    /** The 413 for a bulk body over {@link #maxBulkBodyBytes}. */
    public ProblemException bulkTooLarge() {
        return tooLarge(detail(maxBulkBodyBytes));
    }

    private long limitFor(String path) {
        return bulkBodyPaths.isPresent() && bulkBodyPaths.get().matcher(path).matches() ? maxBulkBodyBytes : maxBodyBytes;
    }

    private static String detail(long limit) {
        return "The body is larger than " + limit + " bytes.";
    }

    private static boolean declaredTooLarge(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String json(ObjectMapper mapper, Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
