package dev.amends.resolution.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    private static final List<Duration> CONTRACT = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    private final RetrySchedule schedule = new RetrySchedule(CONTRACT);
    private final Instant now = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void waitsTheScheduleAfterEachFailureThenGivesUp() {
        List<Duration> waits = new ArrayList<>();
        for (int failed = 1; ; failed++) {
            Optional<Instant> next = schedule.next(failed, now, null);
            if (next.isEmpty()) {
                assertThat(failed).isEqualTo(8);
                break;
            }
            waits.add(Duration.between(now, next.get()));
        }
        assertThat(waits).isEqualTo(CONTRACT);
    }

    @Test
    void honoursARetryAfterOnlyWhenLonger() {
        assertThat(schedule.next(1, now, Duration.ofMinutes(2))).contains(now.plus(Duration.ofMinutes(2)));
        assertThat(schedule.next(2, now, Duration.ofMinutes(2))).contains(now.plus(Duration.ofMinutes(5)));
        assertThat(schedule.next(8, now, Duration.ofMinutes(2))).isEmpty();
    }
}
