package dev.amends.resolution.service;

import dev.amends.common.events.Severity;
import dev.amends.resolution.config.ResolutionConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SLA rules alone, without a running service: effective severity, targets, the 75% warning. */
class SlaPolicyTest {

    private static final Map<String, Duration> ACKNOWLEDGE = Map.of("low", Duration.ofHours(24), "medium",
            Duration.ofHours(4), "high", Duration.ofHours(1), "critical", Duration.ofMinutes(15));
    private static final Map<String, Duration> RESOLVE = Map.of("low", Duration.ofDays(10), "medium",
            Duration.ofDays(5), "high", Duration.ofDays(2), "critical", Duration.ofHours(4));

    @Test
    void aPublicComplaintCountsOneSeverityHigherUpToCritical() {
        assertThat(SlaPolicy.effectiveSeverity(Severity.LOW, false)).isEqualTo(Severity.LOW);
        assertThat(SlaPolicy.effectiveSeverity(Severity.LOW, true)).isEqualTo(Severity.MEDIUM);
        assertThat(SlaPolicy.effectiveSeverity(Severity.HIGH, true)).isEqualTo(Severity.CRITICAL);
        assertThat(SlaPolicy.effectiveSeverity(Severity.CRITICAL, true)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aClockWarnsWhenThreeQuartersOfItsTimeHavePassed() {
        Instant started = Instant.parse("2026-12-01T08:00:00Z");
        Duration clockTime = Duration.ofHours(4);

        assertThat(SlaPolicy.warningAt(started.plus(clockTime), clockTime))
                .isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
    }

    @Test
    void theTargetsAreTheConfiguredOnesOfTheEffectiveSeverity() {
        SlaPolicy policy = new SlaPolicy(config(ACKNOWLEDGE, RESOLVE));

        assertThat(policy.acknowledgeTarget(Severity.HIGH)).isEqualTo(Duration.ofHours(1));
        assertThat(policy.resolveTarget(Severity.CRITICAL)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void refusesToStartWithoutAPositiveTargetForEverySeverity() {
        Map<String, Duration> withoutCritical = new HashMap<>(ACKNOWLEDGE);
        withoutCritical.remove("critical");
        Map<String, Duration> withZero = new HashMap<>(RESOLVE);
        withZero.put("low", Duration.ZERO);

        assertThatThrownBy(() -> new SlaPolicy(config(withoutCritical, RESOLVE))).hasMessageContaining("CRITICAL");
        assertThatThrownBy(() -> new SlaPolicy(config(ACKNOWLEDGE, withZero))).hasMessageContaining("LOW");
    }

    private static ResolutionConfig config(Map<String, Duration> acknowledge, Map<String, Duration> resolve) {
        ResolutionConfig.Sla sla = new ResolutionConfig.Sla() {
            @Override
            public Map<String, Duration> acknowledge() {
                return acknowledge;
            }

            @Override
            public Map<String, Duration> resolve() {
                return resolve;
            }
        };
        return new ResolutionConfig() {
            @Override
            public Sla sla() {
                return sla;
            }

            @Override
            public Duration autoCloseAfter() {
                return Duration.ofDays(16);
            }

            @Override
            public Timers timers() {
                throw new UnsupportedOperationException("not a rule of the SLA");
            }
        };
    }
}
