package dev.amends.common.support;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Work in a transaction of its own that rolls back, as when the change it belongs to fails. */
public final class Transactions {

    private Transactions() {
    }

    public static void rolledBack(Runnable work) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                work.run();
                throw new ChangeFailed();
            });
        } catch (ChangeFailed expected) {
            // rolled back, as intended
        }
    }

    private static final class ChangeFailed extends RuntimeException {
        ChangeFailed() {
            super("the change failed after this work", null, false, false);
        }
    }
}
