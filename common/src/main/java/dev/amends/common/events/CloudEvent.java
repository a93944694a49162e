package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode, as every Amends topic carries it.
 * {@code sequence} is the CloudEvents sequence extension: a decimal string per subject and
 * producing service, from "1".
 */
public record CloudEvent<T extends EventData>(
        String specversion,
        UUID id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String sequence,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public static <T extends EventData> CloudEvent<T> of(UUID id, String source, String subject,
                                                         Instant time, long sequence, T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, data.eventType().type(), subject, time,
                DATA_CONTENT_TYPE, Long.toString(sequence), data);
    }
}
