package dev.amends.common.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;

import java.util.Collection;

/**
 * Spans are made (their trace ids travel with every event) but sent nowhere unless the operator
 * sets {@code AMENDS_TRACING_EXPORTER=otlp} and the collector's address
 * ({@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}): while this bean can be looked up,
 * Quarkus starts no OTLP exporter, which would otherwise try localhost:4317.
 */
@Singleton
@LookupIfProperty(name = "amends.tracing.exporter", stringValue = "none", lookupIfMissing = true)
public class NoSpanExport implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
