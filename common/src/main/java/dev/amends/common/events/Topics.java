package dev.amends.common.events;

import java.util.List;

/** The Kafka topics of the event contract. Plain constants: the local stack reads them too. */
public final class Topics {

    public static final String INCIDENTS = "amends.incidents.v1";
    public static final String CASES = "amends.cases.v1";
    public static final String SURVEYS = "amends.surveys.v1";

    /** Partitions are fixed at creation: the key (incident id) decides the partition forever. */
    public static final int PARTITIONS = 12;

    /** Events are kept forever so that read models can be rebuilt from the topics. */
    public static final String RETENTION_MS = "-1";

    public static final List<String> ALL = List.of(INCIDENTS, CASES, SURVEYS);

    /**
     * Customers' own words, apart from the events: compacted, keyed by the invitation (or
     * interview) id, so that the tombstone written on erasure removes them from Kafka too.
     * Plain JSON values ({@link SurveyComment}), not CloudEvents; only resolution-service reads it.
     */
    public static final String COMMENTS = "amends.survey-comments.v1";

    /** The dead-letter topic of one consuming service, e.g. {@code amends.resolution-service.dlq}. */
    public static String deadLetter(String service) {
        return "amends." + service + ".dlq";
    }

    public static final List<String> DEAD_LETTERS =
            List.of(deadLetter("intake-service"), deadLetter("resolution-service"), deadLetter("survey-service"));

    private Topics() {
    }
}
