package dev.amends.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

class EventHandlingTest {

    private final List<Long> pauses = new ArrayList<>();

    @Test
    void keepsTryingWhileTheDatabaseIsUnreachable() {
        AtomicInteger calls = new AtomicInteger();
        EventHandling.retrying("incident.reported", EventHandling.ATTEMPTS, () -> {
            if (calls.incrementAndGet() <= 40) {
                throw new IllegalStateException("cannot record processed event",
                        new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
            }
        }, pauses::add);

        assertThat(calls).hasValue(41);
        assertThat(pauses).hasSize(40).startsWith(200L, 400L, 600L).endsWith(EventHandling.LONGEST_PAUSE_MILLIS);
    }

    @Test
    void keepsTryingWhileTheDatabaseShutsDown() {
        AtomicInteger calls = new AtomicInteger();
        EventHandling.retrying("incident.reported", EventHandling.ATTEMPTS, () -> {
            if (calls.incrementAndGet() <= 5) {
                throw new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"));
            }
        }, pauses::add);

        assertThat(calls).hasValue(6);
    }

    @Test
    void keepsTryingWhenTheConnectionIsLostAtCommit() {
        AtomicInteger calls = new AtomicInteger();
        EventHandling.retrying("incident.reported", EventHandling.ATTEMPTS, () -> {
            if (calls.incrementAndGet() <= EventHandling.ATTEMPTS + 2) {
                throw lostAtCommit();
            }
        }, pauses::add);

        assertThat(calls).hasValue(EventHandling.ATTEMPTS + 3);
    }

    /** What the @Transactional boundary throws then: the driver's error is only a suppressed exception of the rollback. */
    private static RuntimeException lostAtCommit() {
        XAException resourceFailure = new XAException("Error trying to transactionCommit local transaction");
        resourceFailure.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(resourceFailure);
        return new RuntimeException(rollback);
    }

    @Test
    void givesUpOnAnyOtherFailureAfterThreeAttempts() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("unknown case",
                new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThatThrownBy(() -> EventHandling.retrying("case.closed", EventHandling.ATTEMPTS, () -> {
            calls.incrementAndGet();
            throw failure;
        }, pauses::add)).isSameAs(failure);
        assertThat(calls).hasValue(EventHandling.ATTEMPTS);
    }

    @Test
    void aBatchIsTriedOnceButWaitsForTheDatabase() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("unknown case");

        assertThatThrownBy(() -> EventHandling.retrying("a batch", 1, () -> {
            if (calls.incrementAndGet() <= 3) {
                throw new RuntimeException(new SQLException("Connection refused", "08001"));
            }
            throw failure;
        }, pauses::add)).isSameAs(failure);
        assertThat(calls).hasValue(4);
        assertThat(pauses).hasSize(3);
    }

    @Test
    void givesUpAtOnceOnAMalformedEvent() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> EventHandling.retrying("survey.answered", EventHandling.ATTEMPTS, () -> {
            calls.incrementAndGet();
            throw new MalformedEventException("no caseId", null);
        }, pauses::add)).isInstanceOf(MalformedEventException.class);
        assertThat(calls).hasValue(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void stopsWhenInterruptedWhileWaitingForTheDatabase() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> EventHandling.retrying("incident.reported", EventHandling.ATTEMPTS, () -> {
            calls.incrementAndGet();
            throw new RuntimeException(new SQLException("I/O error", "08006"));
        }, millis -> false)).hasRootCauseMessage("I/O error");
        assertThat(calls).hasValue(1);
    }
}
