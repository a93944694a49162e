package dev.amends.intake.service;

import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.idempotency.IdempotencyKeys.KeyCheck;
import dev.amends.common.metrics.CommittedCounts;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.intake.repository.IncidentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores a batch of reports in one transaction: each incident, its {@code incident.reported} event
 * and its idempotency record commit together, and a batch costs one commit instead of one per
 * request. About six round trips for the whole batch.
 */
@ApplicationScoped
class IncidentWrites {

    private final IncidentRepository incidents;
    private final OutboxWriter outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final CommittedCounts counts;

    IncidentWrites(IncidentRepository incidents, OutboxWriter outbox, IdempotencyKeys idempotencyKeys,
                   CommittedCounts counts) {
        this.incidents = incidents;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.counts = counts;
    }

    /** Per report, in order: what the key check found; the reports it let proceed are stored. */
    @Transactional
    List<KeyCheck> storeAll(List<PendingReport> reports) {
        List<KeyCheck> checks = idempotencyKeys.checkAll(reports.stream().map(PendingReport::claim).toList());
        List<PendingReport> toStore = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            if (checks.get(i).proceed()) {
                toStore.add(reports.get(i));
            }
        }
        if (!toStore.isEmpty()) {
            incidents.insertAll(toStore.stream().map(PendingReport::incident).toList());
            outbox.writeAll(toStore.stream().map(PendingReport::event).toList());
            List<Answer> answers = toStore.stream().map(PendingReport::created).toList();
            idempotencyKeys.storeAll(toStore.stream().map(PendingReport::claim).toList(), answers);
            toStore.forEach(report -> counts.onCommit("amends.incidents.reported", "channel",
                    report.incident().channel.name()));
        }
        return checks;
    }
}
