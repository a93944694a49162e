package dev.amends.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A traceparent header read into a parent context and written back from the current span. */
class TraceparentTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void readsTheParentAHeaderNames() {
        SpanContext parent = Span.fromContext(Traceparent.parent(TRACEPARENT)).getSpanContext();

        assertThat(parent.isValid()).isTrue();
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(parent.getSpanId()).isEqualTo("b7ad6b7169203331");
    }

    @Test
    void startsANewTraceForAMissingOrMalformedHeader() {
        for (String header : new String[]{null, "", "00-xyz-b7ad6b7169203331-01",
                "00-00000000000000000000000000000000-b7ad6b7169203331-01"}) {
            assertThat(Span.fromContext(Traceparent.parent(header)).getSpanContext().isValid()).as(header).isFalse();
        }
    }

    @Test
    void writesTheCurrentSpansTraceparentAndNothingWithoutASpan() {
        assertThat(Traceparent.ofCurrentSpan()).isNull();
        try (Scope scope = Traceparent.parent(TRACEPARENT).makeCurrent()) {
            assertThat(Traceparent.ofCurrentSpan()).isEqualTo(TRACEPARENT);
        }
    }
}
