package dev.amends.common.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.LongPredicate;
import org.jboss.logging.Logger;

/**
 * Applies a consumed event in its own transaction. A failed attempt is tried again a few times
 * before the failure reaches the connector, whose dead-letter strategy sends the record to
 * {@code amends.<service>.dlq} and goes on with the next one; but while the database is
 * unreachable the attempts go on until it is back, since that record is not at fault and
 * dead-lettering it would lose its effect (a case never opened).
 */
public final class EventHandling {

    private static final Logger LOG = Logger.getLogger(EventHandling.class);
    static final int ATTEMPTS = 3;
    static final long LONGEST_PAUSE_MILLIS = 5_000;

    public static void applyWithRetries(String what, Runnable apply) {
        retrying(what, () -> QuarkusTransaction.requiringNew().run(apply), EventHandling::sleep);
    }

    /** {@code pause} waits the given milliseconds and answers false when the thread was interrupted. */
    static void retrying(String what, Runnable attempt, LongPredicate pause) {
        for (int failures = 1; ; failures++) {
            try {
                attempt.run();
                return;
            } catch (MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                boolean databaseUnreachable = databaseUnreachable(e);
                if (failures >= ATTEMPTS && !databaseUnreachable) {
                    throw e;
                }
                LOG.warnf("applying %s failed (attempt %d%s): %s", what, failures,
                        databaseUnreachable ? ", database unreachable: trying until it is back" : " of " + ATTEMPTS,
                        e.getMessage());
                if (!pause.test(Math.min(200L * failures, LONGEST_PAUSE_MILLIS))) {
                    throw e;
                }
            }
        }
    }

    /**
     * True when a cause is a lost or refused database connection: SQLSTATE class 08 (connection
     * exception) or 57P (the server shutting down or starting), or the pool giving up on one.
     */
    static boolean databaseUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
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
