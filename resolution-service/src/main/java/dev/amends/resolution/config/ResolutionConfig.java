package dev.amends.resolution.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "amends.resolution")
public interface ResolutionConfig {

    Sla sla();

    /** How long a resolved case waits for the customer's verdict before it closes by itself. */
    @WithDefault("P16D")
    Duration autoCloseAfter();

    Timers timers();

    /** SLA targets on a 24/7 clock, keyed by effective severity in lower case (critical, high, ...). */
    interface Sla {
        Map<String, Duration> acknowledge();

        Map<String, Duration> resolve();
    }

    /** The scheduled checks: SLA warnings and breaches, promises at risk and broken, auto-close. */
    interface Timers {
        /** How often each replica runs them, such as {@code 10s}; {@code off} disables them on this replica. */
        String every();

        /** How many cases one transaction takes at most. */
        @WithDefault("100")
        int batchSize();
    }
}
