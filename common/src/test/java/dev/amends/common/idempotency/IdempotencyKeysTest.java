package dev.amends.common.idempotency;

import dev.amends.common.problem.ProblemException;
import dev.amends.common.support.CommonTestServers;
import dev.amends.common.support.Transactions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Idempotency-Key rules on a real PostgreSQL: replay, another body, per client, in flight, only what committed. */
@QuarkusTest
@QuarkusTestResource(CommonTestServers.class)
class IdempotencyKeysTest {

    @Inject
    IdempotencyKeys keys;

    private final String client = "webshop-" + UUID.randomUUID();
    private final AtomicInteger changes = new AtomicInteger();

    @Test
    void replaysTheFirstAnswerForARepeatedKey() {
        Answer first = once(client, "order-1", "hash-1", created("/incidents/1"));
        Answer again = once(client, "order-1", "hash-1", created("/incidents/2"));

        assertThat(changes).hasValue(1);
        assertThat(first.replayed()).isFalse();
        assertThat(again).isEqualTo(new Answer(201, "{\"location\":\"/incidents/1\"}", "/incidents/1", true));
    }

    @Test
    void refusesTheKeyWithAnotherBody() {
        once(client, "order-1", "hash-1", created("/incidents/1"));

        assertThatThrownBy(() -> once(client, "order-1", "hash-2", created("/incidents/2")))
                .isInstanceOfSatisfying(ProblemException.class, refused -> assertThat(refused.status()).isEqualTo(422));
        assertThat(changes).hasValue(1);
    }

    @Test
    void scopesKeysPerClient() {
        once(client, "order-1", "hash-1", created("/incidents/1"));
        Answer other = once("other-" + client, "order-1", "hash-2", created("/incidents/2"));

        assertThat(changes).hasValue(2);
        assertThat(other.location()).isEqualTo("/incidents/2");
    }

    @Test
    void forgetsAKeyWhoseAnswerWasNoSuccess() {
        once(client, "order-1", "hash-1", () -> {
            changes.incrementAndGet();
            return new Answer(404, "{}", null, false);
        });
        Answer retried = once(client, "order-1", "hash-1", created("/incidents/1"));

        assertThat(changes).hasValue(2);
        assertThat(retried.replayed()).isFalse();
    }

    @Test
    void forgetsAKeyWhoseChangeRolledBack() {
        Transactions.rolledBack(() -> keys.once(client, "order-1", "hash-1", created("/incidents/1")));
        Answer retried = once(client, "order-1", "hash-1", created("/incidents/1"));

        assertThat(changes).hasValue(2);
        assertThat(retried.replayed()).isFalse();
    }

    @Test
    void refusesTheKeyWhileItsFirstRequestIsInFlight() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> once(client, "order-1", "hash-1", () -> {
            inFlight.countDown();
            await(finish);
            return created("/incidents/1").get();
        }));
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> once(client, "order-1", "hash-1", created("/incidents/2")))
                .isInstanceOfSatisfying(ProblemException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(409);
                    assertThat(refused.headers()).containsEntry("Retry-After", "1");
                });
        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).location()).isEqualTo("/incidents/1");
    }

    @Test
    void acceptsKeysOfOneTo255Characters() {
        assertThatNoException().isThrownBy(() -> IdempotencyKeys.checkFormat("k"));
        assertThatNoException().isThrownBy(() -> IdempotencyKeys.checkFormat("k".repeat(255)));
        assertThatNoException().isThrownBy(() -> IdempotencyKeys.checkFormat(null));
        for (String key : new String[] {"", "k".repeat(256)}) {
            assertThatThrownBy(() -> IdempotencyKeys.checkFormat(key))
                    .isInstanceOfSatisfying(ProblemException.class, refused -> assertThat(refused.status()).isEqualTo(400));
        }
    }

    private Answer once(String client, String key, String hash, Supplier<Answer> change) {
        return QuarkusTransaction.requiringNew().call(() -> keys.once(client, key, hash, change));
    }

    private Supplier<Answer> created(String location) {
        return () -> {
            changes.incrementAndGet();
            return new Answer(201, "{\"location\":\"" + location + "\"}", location, false);
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
