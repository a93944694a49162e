package dev.amends.common.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

/**
 * Applies a consumed event in its own transaction, retrying a failed attempt a few times before
 * the failure reaches the connector, whose dead-letter strategy sends the record to
 * {@code amends.<service>.dlq} and goes on with the next one.
 */
public final class EventHandling {

    private static final Logger LOG = Logger.getLogger(EventHandling.class);
    static final int ATTEMPTS = 3;

    public static void applyWithRetries(String what, Runnable apply) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(apply);
                return;
            } catch (MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
                LOG.warnf("applying %s failed (attempt %d of %d): %s", what, attempt, ATTEMPTS, e.getMessage());
                sleep(200L * attempt);
            }
        }
        throw last;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private EventHandling() {
    }
}
