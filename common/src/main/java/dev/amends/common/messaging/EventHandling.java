package dev.amends.common.messaging;

import dev.amends.common.problem.ProblemMappers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.function.LongPredicate;
import org.jboss.logging.Logger;

/**
 * Applies consumed events in a transaction of their own. A failed attempt for one event is tried
 * again a few times before the failure reaches the connector, whose dead-letter strategy sends the
 * record to {@code amends.<service>.dlq} and goes on with the next one. While the database is
 * unreachable ({@link ProblemMappers#databaseUnavailable}, as for the 503s) the attempts go on
 * until it is back: no record is at fault, and dead-lettering it would lose its effect.
 */
public final class EventHandling {

    private static final Logger LOG = Logger.getLogger(EventHandling.class);
    static final int ATTEMPTS = 3;
    static final long LONGEST_PAUSE_MILLIS = 5_000;

    /** One event: tried {@link #ATTEMPTS} times, and for as long as the database is unreachable. */
    public static void applyWithRetries(String what, Runnable apply) {
        retrying(what, ATTEMPTS, () -> QuarkusTransaction.requiringNew().run(apply), EventHandling::sleep);
    }

    /**
     * Several events together: tried once, and for as long as the database is unreachable; any
     * other failure is the caller's to narrow down.
     */
    public static void applyInOneTransaction(String what, Runnable apply) {
        retrying(what, 1, () -> QuarkusTransaction.requiringNew().run(apply), EventHandling::sleep);
    }

    /** {@code pause} waits the given milliseconds and answers false when the thread was interrupted. */
    static void retrying(String what, int attempts, Runnable attempt, LongPredicate pause) {
        for (int failures = 1; ; failures++) {
            try {
                attempt.run();
                return;
            } catch (MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                boolean databaseUnreachable = ProblemMappers.databaseUnavailable(e);
                if (failures >= attempts && !databaseUnreachable) {
                    throw e;
                }
                LOG.warnf("applying %s failed (attempt %d%s): %s", what, failures,
                        databaseUnreachable ? ", database unreachable: trying until it is back" : " of " + attempts,
                        e.getMessage());
                if (!pause.test(Math.min(200L * failures, LONGEST_PAUSE_MILLIS))) {
                    throw e;
                }
            }
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private EventHandling() {
    }
}
