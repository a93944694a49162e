package dev.amends.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: a test sets it to the instant it needs, so time rules are tested
 * by moving time instead of sleeping. Until a test sets it, and after reset, it is the real time.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class SettableClock extends Clock {

    private volatile Instant setTo;

    /** Stops the clock at {@code instant}. */
    public void setTo(Instant instant) {
        setTo = instant;
    }

    /** Back to the real time. */
    public void reset() {
        setTo = null;
    }

    @Override
    public Instant instant() {
        Instant instant = setTo;
        return instant != null ? instant : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service reads instants only");
    }
}
