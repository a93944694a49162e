package dev.amends.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.problem.Problem;
import dev.amends.common.problem.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a body over the limit with problem+json before anything reads it. (The HTTP layer's own
 * limit answers a bare 413 that no exception mapper sees.)
 */
@ApplicationScoped
public class BodyLimit {

    @ConfigProperty(name = "amends.http.max-body-bytes", defaultValue = "65536")
    long maxBodyBytes;

    void install(@Observes Router router, ObjectMapper mapper) throws Exception {
        String body = mapper.writeValueAsString(Problems.problem(413, "Content too large",
                "The body is larger than " + maxBodyBytes + " bytes.", null, null));
        router.route().order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLarge(length)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
                return;
            }
            ctx.next();
        });
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
