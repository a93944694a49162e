package dev.amends.intake.service;

import dev.amends.common.events.Channel;
import dev.amends.common.events.Severity;
import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys.KeyCheck;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.ProblemMappers;
import dev.amends.intake.support.Rows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** Many reports in one transaction: each still gets exactly its own outcome. */
@QuarkusTest
class GroupCommitTest {

    private static final String REPORTER = "group-commit-test";

    @Inject
    IncidentService incidents;
    @Inject
    IncidentWrites writes;
    @Inject
    ReportBatcher batcher;
    @Inject
    DataSource dataSource;

    @Test
    void storesEveryReportOfABatchWithItsEventAndItsKey() {
        List<PendingReport> batch = List.of(report("a-" + UUID.randomUUID()), report(null), report("c-" + UUID.randomUUID()));

        List<KeyCheck> checks = writes.storeAll(batch).stream().map(IncidentWrites.Written::check).toList();

        assertThat(checks).allMatch(KeyCheck::proceed);
        for (PendingReport report : batch) {
            assertThat(incidentRows(report)).isEqualTo(1);
            assertThat(rows().count("select count(*) from outbox_event where message_key = ?", id(report))).isEqualTo(1);
        }
        assertThat(rows().count("select count(*) from idempotency_record where client = ? and idem_key in (?, ?)",
                REPORTER, batch.get(0).claim().key(), batch.get(2).claim().key())).isEqualTo(2);
    }

    @Test
    void answersEachReportOfABatchOnItsOwn() {
        String replayedKey = "replayed-" + UUID.randomUUID();
        String reusedKey = "reused-" + UUID.randomUUID();
        PendingReport first = report(replayedKey, "hash-1");
        writes.storeAll(List.of(first, report(reusedKey, "hash-1")));
        String twiceKey = "twice-" + UUID.randomUUID();
        List<PendingReport> batch = List.of(report(twiceKey, "hash-1"), report(twiceKey, "hash-1"),
                report(reusedKey, "hash-2"), report(replayedKey, "hash-1"));

        List<KeyCheck> checks = writes.storeAll(batch).stream().map(IncidentWrites.Written::check).toList();

        assertThat(checks.get(0).proceed()).isTrue();
        assertThat(checks.get(1).refusal().status()).isEqualTo(409);
        assertThat(checks.get(2).refusal().status()).isEqualTo(422);
        assertThat(checks.get(3).replay().location()).isEqualTo(first.created().location());
        assertThat(checks.get(3).replay().replayed()).isTrue();
        assertThat(batch.stream().mapToLong(this::incidentRows).sum()).isEqualTo(1);
        assertThat(incidentRows(batch.get(0))).isEqualTo(1);
    }

    @Test
    void storesNothingOfABatchWhenOneOfItsRowsFails() {
        PendingReport stored = report("stored-" + UUID.randomUUID());
        writes.storeAll(List.of(stored));
        PendingReport fine = report("fine-" + UUID.randomUUID());
        PendingReport clashing = sameIncidentAs(stored, "clash-" + UUID.randomUUID());

        assertThatThrownBy(() -> writes.storeAll(List.of(fine, clashing))).isInstanceOf(RuntimeException.class);

        assertThat(incidentRows(fine)).isZero();
        assertThat(rows().count("select count(*) from outbox_event where message_key = ?", id(fine))).isZero();
        assertThat(rows().count("select count(*) from idempotency_record where idem_key in (?, ?)",
                fine.claim().key(), clashing.claim().key())).isZero();
    }

    @Test
    void oneFailingReportDoesNotFailTheOthersQueuedWithIt() throws SQLException {
        PendingReport stored = report("stored-" + UUID.randomUUID());
        writes.storeAll(List.of(stored));
        List<PendingReport> fine = List.of(report("fine-" + UUID.randomUUID()), report("fine-" + UUID.randomUUID()),
                report("fine-" + UUID.randomUUID()));
        PendingReport clashing = sameIncidentAs(stored, "clash-" + UUID.randomUUID());

        List<CompletableFuture<Answer>> clash = new ArrayList<>();
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        try (Connection blocker = dataSource.getConnection()) {
            // Keeps both writers busy, so that the four reports queue up and are written as one batch.
            // One report at a time: a free writer takes everything queued, so two at once could
            // land in one writer's batch and leave the other writer free.
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("lock table incident in share mode");
            answers.add(CompletableFuture.supplyAsync(() -> batcher.submit(report("busy-" + UUID.randomUUID()))));
            await().atMost(Duration.ofSeconds(10)).until(() -> writersWaitingForTheLock() == 1);
            answers.add(CompletableFuture.supplyAsync(() -> batcher.submit(report("busy-" + UUID.randomUUID()))));
            await().atMost(Duration.ofSeconds(10)).until(() -> writersWaitingForTheLock() == 2);
            clash.add(CompletableFuture.supplyAsync(() -> batcher.submit(clashing)));
            fine.forEach(report -> answers.add(CompletableFuture.supplyAsync(() -> batcher.submit(report))));
            await().atMost(Duration.ofSeconds(10)).until(() -> batcher.queued() == 4);
            blocker.rollback();
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.join().status()).isEqualTo(201));
        assertThat(fine).allSatisfy(report -> assertThat(incidentRows(report)).isEqualTo(1));
        assertThatThrownBy(clash.get(0)::join).hasCauseInstanceOf(RuntimeException.class)
                .satisfies(failure -> assertThat(failure.getCause()).isNotInstanceOf(ProblemException.class));
        assertThat(rows().count("select count(*) from idempotency_record where idem_key = ?", clashing.claim().key())).isZero();
    }

    @Test
    void aConnectionLostAtCommitIsAnsweredAsUnavailableAndTheRetryIsStored() {
        PendingReport report = report("lost-at-commit-" + UUID.randomUUID());

        Throwable lost = catchThrowable(() -> QuarkusTransaction.requiringNew().run(() -> {
            writes.storeAll(List.of(report));
            terminateThisTransactionsConnection();
        }));

        assertThat(lost).isNotNull();
        Response answer = new ProblemMappers().unexpected(lost, null);
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isNotBlank();
        assertThat(incidentRows(report)).isZero();
        assertThat(writes.storeAll(List.of(report))).allMatch(written -> written.check().proceed());
        assertThat(incidentRows(report)).isEqualTo(1);
    }

    /** As PostgreSQL's fast shutdown does to every backend: the commit is the next thing the connection sends. */
    private void terminateThisTransactionsConnection() {
        long pid = rows().count("select pg_backend_pid()");
        QuarkusTransaction.suspendingExisting().run(() ->
                assertThat(rows().count("select count(*) from pg_terminate_backend(?::int, 5000) as terminated where terminated", pid)).isEqualTo(1));
    }

    /** Connections whose insert into incident waits for the table lock: the writers, not scheduled jobs. */
    private long writersWaitingForTheLock() {
        return rows().count("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like ?",
                "%insert into incident %");
    }

    private PendingReport report(String key) {
        return report(key, "hash-" + key);
    }

    private PendingReport report(String key, String requestHash) {
        String customer = "customer-" + UUID.randomUUID();
        return incidents.pending(new ReportIncident("webshop", "order-1", Channel.WEB, "delivery", Severity.HIGH,
                "Wrong parcel", null, null, false,
                        new CustomerContact(customer, "Kari Nordmann", "kari@example.no", null, "nb-NO"), null),
                REPORTER, key, requestHash);
    }

    /** A new report that carries an incident id already stored: its insert must fail. */
    private PendingReport sameIncidentAs(PendingReport stored, String key) {
        PendingReport fresh = report(key);
        fresh.incident().id = stored.incident().id;
        return new PendingReport(fresh.incident(), fresh.event(), fresh.claim(), fresh.created());
    }

    private long incidentRows(PendingReport report) {
        return rows().count("select count(*) from incident where id = ?", report.incident().id);
    }

    private static String id(PendingReport report) {
        return report.incident().id.toString();
    }

    private Rows rows() {
        return new Rows(dataSource);
    }
}
