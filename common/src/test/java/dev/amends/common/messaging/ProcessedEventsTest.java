package dev.amends.common.messaging;

import dev.amends.common.support.CommonTestServers;
import dev.amends.common.support.Transactions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** De-duplication by event id, per consumer, in the transaction of the event's effect. */
@QuarkusTest
@QuarkusTestResource(CommonTestServers.class)
class ProcessedEventsTest {

    @Inject
    ProcessedEvents processed;

    @Test
    void knowsAnEventItHasSeenOnlyOnceItsEffectCommitted() {
        UUID event = UUID.randomUUID();
        Transactions.rolledBack(() -> assertThat(processed.firstDelivery("survey-service/cases", event)).isTrue());

        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("survey-service/cases", event))).isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("survey-service/cases", event))).isFalse();
    }

    @Test
    void keepsEachConsumersEventsApart() {
        UUID event = UUID.randomUUID();
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("survey-service/cases", event))).isTrue();

        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("resolution-service/surveys", event))).isTrue();
    }

    @Test
    void needsTheTransactionOfTheEffect() {
        assertThatThrownBy(() -> processed.firstDelivery("survey-service/cases", UUID.randomUUID()))
                .isInstanceOf(TransactionalException.class);
    }
}
