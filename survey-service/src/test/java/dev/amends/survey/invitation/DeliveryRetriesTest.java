package dev.amends.survey.invitation;

import dev.amends.survey.service.DeliveryRetries;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry rule alone: pauses that double up to the longest, and the give-up period. */
class DeliveryRetriesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final DeliveryRetries retries = new DeliveryRetries(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(2));

    @Test
    void pausesDoubleFromTheFirstUpToTheLongest() {
        assertThat(retries.nextTry(1, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        assertThat(retries.nextTry(2, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        assertThat(retries.nextTry(6, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(32)));
        assertThat(retries.nextTry(7, NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(retries.nextTry(10_000, NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void givesUpOnceFailuresHaveLastedTheGiveUpPeriod() {
        Instant since = NOW.minus(Duration.ofDays(2));
        assertThat(retries.givesUp(since.plusMillis(1), NOW)).isFalse();
        assertThat(retries.givesUp(since, NOW)).isTrue();
    }
}
