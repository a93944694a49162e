package dev.amends.intake.service;

import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.idempotency.IdempotencyKeys.KeyCheck;
import dev.amends.common.metrics.CommittedCounts;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.intake.repository.DisruptionRepository;
import dev.amends.intake.repository.Incident;
import dev.amends.intake.repository.IncidentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stores a batch of reports in one transaction: each incident, its {@code incident.reported} event
 * and its idempotency record commit together, and a batch costs one commit instead of one per
 * request. About eight round trips for the whole batch.
 */
@ApplicationScoped
class IncidentWrites {

    private final IncidentRepository incidents;
    private final DisruptionRepository disruptions;
    private final PendingReports pendingReports;
    private final OutboxWriter outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final CommittedCounts counts;

    IncidentWrites(IncidentRepository incidents, DisruptionRepository disruptions, PendingReports pendingReports,
                   OutboxWriter outbox, IdempotencyKeys idempotencyKeys, CommittedCounts counts) {
        this.incidents = incidents;
        this.disruptions = disruptions;
        this.pendingReports = pendingReports;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.counts = counts;
    }

    /**
     * Per report, in order: what the key check found, and the report as stored (linked to the
     * disruption whose affected list names its customer, if any); the reports the check let proceed are stored.
     */
    @Transactional
    List<Written> storeAll(List<PendingReport> reports) {
        List<KeyCheck> checks = idempotencyKeys.checkAll(reports.stream().map(PendingReport::claim).toList());
        List<PendingReport> stored = new ArrayList<>(reports);
        List<PendingReport> toStore = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            if (checks.get(i).proceed()) {
                toStore.add(reports.get(i));
            }
        }
        if (!toStore.isEmpty()) {
            toStore = linkToDisruptions(toStore);
            incidents.insertAll(toStore.stream().map(PendingReport::incident).toList());
            outbox.writeAll(toStore.stream().map(PendingReport::event).toList());
            List<Answer> answers = toStore.stream().map(PendingReport::created).toList();
            idempotencyKeys.storeAll(toStore.stream().map(PendingReport::claim).toList(), answers);
            toStore.forEach(report -> counts.onCommit("amends.incidents.reported", "channel",
                    report.incident().channel.name()));
            Map<Incident, PendingReport> byIncident = new IdentityHashMap<>();
            toStore.forEach(report -> byIncident.put(report.incident(), report));
            stored.replaceAll(report -> byIncident.getOrDefault(report.incident(), report));
        }
        List<Written> written = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            written.add(new Written(checks.get(i), stored.get(i)));
        }
        return written;
    }

    /** The reports, those whose customer a disruption's affected list names linked to it (event and answer made again). */
    private List<PendingReport> linkToDisruptions(List<PendingReport> reports) {
        List<Incident> unlinked = reports.stream().map(PendingReport::incident)
                .filter(incident -> incident.disruptionId == null).toList();
        if (unlinked.isEmpty()) {
            return reports;
        }
        disruptions.lockAffectedListsShared(unlinked.stream().map(incident -> incident.source).toList());
        Map<UUID, UUID> links = disruptions.disruptionsListing(unlinked);
        if (links.isEmpty()) {
            return reports;
        }
        List<PendingReport> linked = new ArrayList<>();
        for (PendingReport report : reports) {
            UUID disruption = links.get(report.incident().id);
            if (disruption == null) {
                linked.add(report);
            } else {
                report.incident().disruptionId = disruption;
                linked.add(pendingReports.of(report.incident(), report.claim()));
            }
        }
        return linked;
    }

    /** What the key check found for a report, and the report as stored. */
    record Written(KeyCheck check, PendingReport report) {
    }
}
