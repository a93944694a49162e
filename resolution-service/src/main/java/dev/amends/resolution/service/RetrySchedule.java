package dev.amends.resolution.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When a failed delivery is tried again: the schedule's next wait, or the receiver's Retry-After if longer. */
public final class RetrySchedule {

    private final List<Duration> waits;

    public RetrySchedule(List<Duration> waits) {
        this.waits = List.copyOf(waits);
    }

    /** After the {@code failedTries}-th failed try of this round; empty when that was the last one. */
    public Optional<Instant> next(int failedTries, Instant now, Duration retryAfter) {
        if (failedTries > waits.size()) {
            return Optional.empty();
        }
        Duration wait = waits.get(failedTries - 1);
        return Optional.of(now.plus(retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait));
    }
}
