package dev.amends.resolution.service;

import dev.amends.common.events.Severity;
import dev.amends.resolution.config.ResolutionConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** SLA targets: per effective severity, which is one step higher for a public complaint. */
@ApplicationScoped
public class SlaPolicy {

    private final ResolutionConfig config;

    public SlaPolicy(ResolutionConfig config) {
        this.config = config;
        for (Severity severity : Severity.values()) {
            target(config.sla().acknowledge(), severity);
            target(config.sla().resolve(), severity);
        }
    }

    public static Severity effectiveSeverity(Severity severity, boolean isPublic) {
        if (!isPublic || severity == Severity.CRITICAL) {
            return severity;
        }
        return Severity.values()[severity.ordinal() + 1];
    }

    /** A clock (an SLA clock, a promise's time) warns at 75% of its time: a quarter of it before its deadline. */
    public static Instant warningAt(Instant deadline, Duration clockTime) {
        return deadline.minus(clockTime.dividedBy(4));
    }

    public Duration acknowledgeTarget(Severity effective) {
        return target(config.sla().acknowledge(), effective);
    }

    public Duration resolveTarget(Severity effective) {
        return target(config.sla().resolve(), effective);
    }

    private static Duration target(Map<String, Duration> targets, Severity severity) {
        Duration target = targets.get(severity.name().toLowerCase(Locale.ROOT));
        if (target == null || target.isNegative() || target.isZero()) {
            throw new IllegalStateException("no positive SLA target for " + severity);
        }
        return target;
    }
}
