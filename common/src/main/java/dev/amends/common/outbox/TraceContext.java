package dev.amends.common.outbox;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.RequestScoped;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The W3C {@code traceparent} of the work in progress: taken from the request (or the consumed
 * event) when it carries a valid one, otherwise a new trace. The outbox stores it with each event.
 */
@RequestScoped
public class TraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private String traceparent;

    /** Adopts an incoming traceparent if it is well formed. */
    public void adopt(String incoming) {
        if (incoming != null && TRACEPARENT.matcher(incoming).matches()
                && !incoming.startsWith("00-00000000000000000000000000000000")) {
            traceparent = incoming;
        }
    }

    String currentOrNew() {
        if (traceparent == null) {
            traceparent = newTraceparent();
        }
        return traceparent;
    }

    /** The traceparent of the current request, or a new one outside any request. */
    static String current() {
        if (Arc.container().requestContext().isActive()) {
            return Arc.container().instance(TraceContext.class).get().currentOrNew();
        }
        return newTraceparent();
    }

    private static String newTraceparent() {
        byte[] traceId = new byte[16];
        byte[] spanId = new byte[8];
        RANDOM.nextBytes(traceId);
        RANDOM.nextBytes(spanId);
        return "00-" + HexFormat.of().formatHex(traceId) + "-" + HexFormat.of().formatHex(spanId) + "-01";
    }
}
