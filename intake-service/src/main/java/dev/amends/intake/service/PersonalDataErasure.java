package dev.amends.intake.service;

import dev.amends.common.events.CustomerPersonalDataErased;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.intake.repository.DisruptionRepository;
import dev.amends.intake.repository.Incident;
import dev.amends.intake.repository.IncidentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Erases a customer's name, email and phone from every incident of theirs and every disruption's
 * affected list that names them, and from the stored
 * answers a replay of their Idempotency-Keys would give, and tells the other services
 * (customer.personal-data-erased, keyed by customerRef) in the same transaction. Each incident
 * keeps the customerRef it was published under, so a customer seen under several secret versions
 * is erased under each of them: one event per version. The incidents and every statistic stay.
 */
@ApplicationScoped
public class PersonalDataErasure {

    private final IncidentRepository incidents;
    private final DisruptionRepository disruptions;
    private final ReportReplies replies;
    private final IdempotencyKeys idempotencyKeys;
    private final OutboxWriter outbox;
    private final Clock clock;

    public PersonalDataErasure(IncidentRepository incidents, DisruptionRepository disruptions, ReportReplies replies,
                               IdempotencyKeys idempotencyKeys, OutboxWriter outbox, Clock clock) {
        this.incidents = incidents;
        this.disruptions = disruptions;
        this.replies = replies;
        this.idempotencyKeys = idempotencyKeys;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Idempotent: a customer with nothing (left) to erase changes nothing and publishes nothing. */
    @Transactional
    public void erase(String source, String customerId) {
        Instant now = Instants.truncate(clock.instant());
        List<Incident> toErase = incidents.notErasedOf(source, customerId);
        for (Incident incident : toErase) {
            incident.customerName = null;
            incident.customerEmail = null;
            incident.customerPhone = null;
            incident.personalDataErasedAt = now;
        }
        idempotencyKeys.replaceAnswers(toErase.stream().map(replies::created).toList());
        Set<String> customerRefs = new TreeSet<>(toErase.stream().map(incident -> incident.customerRef).toList());
        customerRefs.addAll(disruptions.eraseAffected(source, customerId, now));
        for (String customerRef : customerRefs) {
            outbox.write(customerRef, customerRef, now, new CustomerPersonalDataErased(customerRef, now));
        }
    }
}
