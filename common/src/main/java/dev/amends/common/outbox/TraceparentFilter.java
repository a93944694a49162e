package dev.amends.common.outbox;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Takes the caller's {@code traceparent} header into the request's trace context. */
public class TraceparentFilter {

    @Inject
    TraceContext traceContext;

    @ServerRequestFilter
    public void adopt(ContainerRequestContext request) {
        String incoming = request.getHeaderString("traceparent");
        if (incoming != null) {
            traceContext.adopt(incoming);
        }
    }
}
