package dev.amends.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The outbox relay of a service. Kafka connection settings are the usual {@code kafka.*}. */
@ConfigMapping(prefix = "amends.outbox")
public interface OutboxConfig {

    /** The CloudEvents source of this service, e.g. {@code /intake-service}. */
    String source();

    /** Events sent per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long an idle relay waits before it looks for events nobody announced. */
    @WithDefault("PT0.5S")
    Duration pollInterval();

    /**
     * How long the relay waits after being woken before it reads the outbox, so that under load
     * one relay transaction carries many events instead of one commit per event.
     */
    @WithDefault("PT0.005S")
    Duration linger();

    /** Pause after a failed batch (Kafka unreachable) before the next attempt. */
    @WithDefault("PT1S")
    Duration retryBackoff();

    /** How long one batch may wait for Kafka's acknowledgements before it is retried. */
    @WithDefault("PT15S")
    Duration sendTimeout();
}
