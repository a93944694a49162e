package dev.amends.survey.page;

import dev.amends.common.problem.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * On the pages, a session cookie that does not verify (forged, or sealed with another secret) is
 * dropped and the page asked for again, which starts a fresh sign-in; everywhere else a failed
 * authentication stays the APIs' 401 problem.
 */
public class PageSessionMapper {

    static final String SESSION_COOKIE = "q_session_pages";

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper(value = AuthenticationFailedException.class, priority = Priorities.USER - 100)
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        String path = uri.getPath();
        if (!path.equals("/dashboard") && !path.startsWith("/dashboard/")) {
            return problems.unauthenticated(e, uri);
        }
        return Response.seeOther(uri.getRequestUri()).header("Cache-Control", "no-store")
                .cookie(new NewCookie.Builder(SESSION_COOKIE).path("/").maxAge(0).httpOnly(true).build()).build();
    }
}
