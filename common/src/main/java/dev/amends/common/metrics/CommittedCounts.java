package dev.amends.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/** Domain counters that count what committed: a change rolled back is not counted. */
@ApplicationScoped
public class CommittedCounts {

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    public CommittedCounts(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    /** Increments counter {@code name} (with its tags) once the current transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onCommit(String name, String... tags) {
        Counter counter = registry.counter(name, tags);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    counter.increment();
                }
            }
        });
    }
}
