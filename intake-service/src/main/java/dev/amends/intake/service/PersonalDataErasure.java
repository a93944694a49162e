package dev.amends.intake.service;

import dev.amends.common.events.CustomerPersonalDataErased;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.intake.repository.Incident;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * Erases a customer's name, email and phone from every incident of theirs and tells the other
 * services (customer.personal-data-erased, keyed by customerRef) in the same transaction. The
 * incidents, their customerRef and every statistic stay.
 */
@ApplicationScoped
public class PersonalDataErasure {

    private final CustomerRefs customerRefs;
    private final OutboxWriter outbox;
    private final Clock clock;

    public PersonalDataErasure(CustomerRefs customerRefs, OutboxWriter outbox, Clock clock) {
        this.customerRefs = customerRefs;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Idempotent: a customer with nothing (left) to erase changes nothing and publishes nothing. */
    @Transactional
    public void erase(String source, String customerId) {
        Instant now = Instants.truncate(clock.instant());
        int erased = Incident.update("customerName = null, customerEmail = null, customerPhone = null, "
                        + "personalDataErasedAt = ?1 where source = ?2 and customerId = ?3 and personalDataErasedAt is null",
                now, source, customerId);
        if (erased > 0) {
            String customerRef = customerRefs.of(source, customerId);
            outbox.write(customerRef, customerRef, now, new CustomerPersonalDataErased(customerRef, now));
        }
    }
}
