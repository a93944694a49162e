package dev.amends.resolution.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "amends.resolution")
public interface ResolutionConfig {

    Sla sla();

    /** SLA targets on a 24/7 clock, keyed by effective severity in lower case (critical, high, ...). */
    interface Sla {
        Map<String, Duration> acknowledge();

        Map<String, Duration> resolve();
    }
}
