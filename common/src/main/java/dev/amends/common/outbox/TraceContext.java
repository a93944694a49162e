package dev.amends.common.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
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
    /** The traceparent of the event a consumer is applying on this thread. */
    private static final ThreadLocal<String> CONSUMED = new ThreadLocal<>();

    private String traceparent;

    /** Adopts an incoming traceparent if it is well formed. */
    public void adopt(String incoming) {
        if (valid(incoming)) {
            traceparent = incoming;
        }
    }

    /**
     * Runs the effect of a consumed event in that event's trace: the events it publishes carry the
     * same trace id, so one incident's trace goes on from service to service.
     */
    public static void within(String consumedTraceparent, Runnable work) {
        if (!valid(consumedTraceparent)) {
            work.run();
            return;
        }
        CONSUMED.set(consumedTraceparent);
        try {
            work.run();
        } finally {
            CONSUMED.remove();
        }
    }

    private static boolean valid(String traceparent) {
        return traceparent != null && TRACEPARENT.matcher(traceparent).matches()
                && !traceparent.startsWith("00-00000000000000000000000000000000");
    }

    String currentOrNew() {
        if (traceparent == null) {
            traceparent = newTraceparent();
        }
        return traceparent;
    }

    /**
     * The current OpenTelemetry span when tracing is on; else the trace of the consumed event or of
     * the current request; else a new one.
     */
    static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
        }
        String consumed = CONSUMED.get();
        if (consumed != null) {
            // The same trace, a span of its own.
            return consumed.substring(0, 36) + HexFormat.of().formatHex(randomBytes(8)) + "-01";
        }
        if (Arc.container().requestContext().isActive()) {
            return Arc.container().instance(TraceContext.class).get().currentOrNew();
        }
        return newTraceparent();
    }

    private static String newTraceparent() {
        return "00-" + HexFormat.of().formatHex(randomBytes(16)) + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
