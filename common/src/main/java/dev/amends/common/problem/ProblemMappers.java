package dev.amends.common.problem;

import dev.amends.common.domain.DomainException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/** Turns every failure into RFC 9457 problem+json, once for all services. Never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return Problems.response(e.status(), e.title(), e.getMessage(), uri, e.violations(), e.headers());
    }

    @ServerExceptionMapper
    public Response refused(DomainException e, UriInfo uri) {
        return problem(ProblemException.of(e), uri);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Problems.response(401, "Unauthorized", "A valid bearer token is required.", uri, null,
                Map.of("WWW-Authenticate", "Bearer"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problems.response(403, "Forbidden", "Your role may not do this.", uri, null, Map.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        return Problems.response(status, Problems.reason(status), Problems.genericDetail(status), uri, null, Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (databaseUnavailable(e)) {
            LOG.warnf("database unavailable: %s", e.getMessage());
            return Problems.response(503, "Service unavailable",
                    "The database is unavailable; try again shortly.", uri, null,
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        LOG.error("unexpected failure", e);
        return Problems.response(500, "Internal server error", "Something went wrong on our side.", uri,
                null, Map.of());
    }

    /**
     * Connection failures (SQLState class 08, admin shutdown 57P) anywhere among the causes, and
     * among the suppressed exceptions: a connection lost at commit reaches us as Narayana's
     * RollbackException, which carries the driver's error only as a suppressed exception.
     */
    public static boolean databaseUnavailable(Throwable e) {
        return databaseUnavailable(e, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean databaseUnavailable(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (t instanceof SQLTransientConnectionException
                || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
            return true;
        }
        if (t instanceof AssertionError && droppedConnection(t)) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (databaseUnavailable(suppressed, seen)) {
                return true;
            }
        }
        return databaseUnavailable(t.getCause(), seen);
    }

    /**
     * pgjdbc throws an AssertionError from a batch whose connection the server dropped under it
     * ("getAutoCommit() should not throw"): a lost connection, not a bug of ours.
     */
    private static boolean droppedConnection(Throwable error) {
        StackTraceElement[] frames = error.getStackTrace();
        return frames.length > 0 && frames[0].getClassName().startsWith("org.postgresql.");
    }
}
