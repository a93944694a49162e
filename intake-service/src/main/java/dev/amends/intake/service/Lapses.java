package dev.amends.intake.service;

import dev.amends.common.events.Channel;
import dev.amends.common.events.CustomerLapsed;
import dev.amends.common.events.CustomerReturned;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Severity;
import dev.amends.common.events.ValueTier;
import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.intake.config.IntakeConfig;
import dev.amends.intake.repository.CustomerReturn;
import dev.amends.intake.repository.Incident;
import dev.amends.intake.repository.IncidentRepository;
import dev.amends.intake.repository.Lapse;
import dev.amends.intake.repository.LapseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Lapses and returns of customers (contract section 9), once per customer and instant: a repeat
 * answers the first record. A lapsed HIGH-value customer with an incident reported within the
 * win-back window before the lapse gets a WIN_BACK incident, published as an ordinary
 * {@code incident.reported}, so a case opens with an owner who calls them; so does any lapsed
 * customer who says in the exit interview that they may be called.
 */
@ApplicationScoped
public class Lapses {

    static final String WIN_BACK_SUMMARY = "Win-back: customer lapsed";
    private static final Logger LOG = Logger.getLogger(Lapses.class);

    private final LapseRepository lapses;
    private final IncidentRepository incidents;
    private final CustomerRefs customerRefs;
    private final PendingReports pendingReports;
    private final OutboxWriter outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final LapseReplies replies;
    private final Duration winBackWindow;
    private final Clock clock;

    public Lapses(LapseRepository lapses, IncidentRepository incidents, CustomerRefs customerRefs,
                  PendingReports pendingReports, OutboxWriter outbox, IdempotencyKeys idempotencyKeys, LapseReplies replies,
                  IntakeConfig config, Clock clock) {
        this.lapses = lapses;
        this.incidents = incidents;
        this.customerRefs = customerRefs;
        this.pendingReports = pendingReports;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.replies = replies;
        this.winBackWindow = config.winBack().window();
        this.clock = clock;
    }

    @Transactional
    public Answer lapse(LapseRequest request, Caller caller) {
        return idempotencyKeys.once(caller.client(), caller.idempotencyKey(), caller.requestHash(), () -> {
            lapses.lockCustomer(request.source(), request.customerId());
            Optional<Lapse> first = lapses.find(request.source(), request.customerId(), request.lapsedAt());
            if (first.isPresent()) {
                return replies.lapse(first.get(), false);
            }
            Lapse lapse = new Lapse();
            lapse.id = UUID.randomUUID();
            lapse.reporter = caller.client();
            lapse.source = request.source();
            lapse.customerId = request.customerId();
            lapse.customerRef = customerRefs.of(request.source(), request.customerId());
            lapse.lapsedAt = request.lapsedAt();
            lapse.valueTier = request.valueTier();
            lapse.recordedAt = now();
            if (lapse.valueTier == ValueTier.HIGH) {
                incidents.latestOf(lapse.source, lapse.customerId, lapse.lapsedAt.minus(winBackWindow), lapse.lapsedAt)
                        .ifPresent(latest -> lapse.winBackIncidentId = openWinBack(lapse, latest).id);
            }
            lapses.persist(lapse);
            outbox.write(lapse.customerRef, lapse.customerRef, lapse.recordedAt,
                    new CustomerLapsed(lapse.customerRef, lapse.lapsedAt, lapse.valueTier));
            return replies.lapse(lapse, true);
        });
    }

    @Transactional
    public Answer customerReturn(ReturnRequest request, Caller caller) {
        return idempotencyKeys.once(caller.client(), caller.idempotencyKey(), caller.requestHash(), () -> {
            lapses.lockCustomer(request.source(), request.customerId());
            Optional<CustomerReturn> first = lapses.findReturn(request.source(), request.customerId(), request.returnedAt());
            if (first.isPresent()) {
                return replies.customerReturn(first.get(), false);
            }
            CustomerReturn customerReturn = new CustomerReturn();
            customerReturn.id = UUID.randomUUID();
            customerReturn.reporter = caller.client();
            customerReturn.source = request.source();
            customerReturn.customerId = request.customerId();
            customerReturn.customerRef = customerRefs.of(request.source(), request.customerId());
            customerReturn.returnedAt = request.returnedAt();
            customerReturn.recordedAt = now();
            lapses.persist(customerReturn);
            outbox.write(customerReturn.customerRef, customerReturn.customerRef, customerReturn.recordedAt,
                    new CustomerReturned(customerReturn.customerRef, customerReturn.returnedAt));
            return replies.customerReturn(customerReturn, true);
        });
    }

    /**
     * A lapsed customer said in the exit interview that someone may call them: a win-back case
     * about the incident the interview named, once per lapse (the latest of the customer's), unless
     * the lapse has one already.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void winBackOnRequest(String customerRef, UUID incidentId) {
        Optional<Incident> incident = incidents.findByIdOptional(incidentId);
        Optional<Lapse> lapse = lapses.latestOf(customerRef);
        if (incident.isEmpty() || lapse.isEmpty()) {
            LOG.warnf("interview answer for incident %s: no such incident or lapse here, no win-back case", incidentId);
            return;
        }
        lapses.lockCustomer(lapse.get().source, lapse.get().customerId);
        Lapse latest = lapses.findByIdOptional(lapse.get().id).orElseThrow();
        if (latest.winBackIncidentId == null) {
            latest.winBackIncidentId = openWinBack(latest, incident.get()).id;
        }
    }

    /** The lapse, if {@code onlyOfReporter} (when given) posted it. */
    public Optional<Lapse> findLapse(UUID id, Optional<String> onlyOfReporter) {
        return lapses.findByIdOptional(id).filter(lapse -> onlyOfReporter.map(lapse.reporter::equals).orElse(true));
    }

    public Optional<CustomerReturn> findReturn(UUID id, Optional<String> onlyOfReporter) {
        return lapses.findReturn(id).filter(found -> onlyOfReporter.map(found.reporter::equals).orElse(true));
    }

    /** The case to win the customer back: their latest incident's category and contact, one owner's to call. */
    private Incident openWinBack(Lapse lapse, Incident latest) {
        Incident incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.reporter = lapse.reporter;
        incident.source = lapse.source;
        incident.channel = Channel.OTHER;
        incident.category = latest.category;
        incident.severity = Severity.HIGH;
        incident.summary = WIN_BACK_SUMMARY;
        incident.occurredAt = lapse.lapsedAt;
        incident.customerId = lapse.customerId;
        incident.customerName = latest.customerName;
        incident.customerEmail = latest.customerEmail;
        incident.customerPhone = latest.customerPhone;
        incident.customerLocale = latest.customerLocale;
        incident.customerRef = lapse.customerRef;
        // An erased customer stays erased: the win-back case has no contact either.
        incident.personalDataErasedAt = latest.personalDataErasedAt;
        incident.reportedAt = lapse.recordedAt;
        incident.origin = Origin.WIN_BACK;
        incidents.insertAll(List.of(incident));
        outbox.writeAll(List.of(pendingReports.event(incident)));
        return incident;
    }

    private Instant now() {
        return Instants.truncate(clock.instant());
    }
}
