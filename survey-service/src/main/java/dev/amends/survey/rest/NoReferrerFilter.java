package dev.amends.survey.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Survey and interview links are secrets: pages and answers are never cached and never leak the link to another
 * site as a referrer, whatever the status.
 */
public class NoReferrerFilter {

    @ServerResponseFilter
    public void noReferrerNoStore(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/s/") || path.startsWith("/surveys/") || path.startsWith("/i/")
                || path.startsWith("/interviews/")) {
            response.getHeaders().putSingle("Referrer-Policy", "no-referrer");
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
