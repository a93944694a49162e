package dev.amends.survey.support;

import dev.amends.common.events.CaseAcknowledged;
import dev.amends.common.events.CaseCompensationOffered;
import dev.amends.common.events.CaseOpened;
import dev.amends.common.events.CaseOwnerChanged;
import dev.amends.common.events.CasePromiseBroken;
import dev.amends.common.events.CasePromiseKept;
import dev.amends.common.events.CasePromiseMade;
import dev.amends.common.events.CaseReopened;
import dev.amends.common.events.CaseResolved;
import dev.amends.common.events.CaseSlaBreached;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Cause;
import dev.amends.common.events.Channel;
import dev.amends.common.events.CompensationKind;
import dev.amends.common.events.EventData;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Outcome;
import dev.amends.common.events.ReopenedBy;
import dev.amends.common.events.Severity;
import dev.amends.common.events.SlaClock;
import dev.amends.common.events.Verdict;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One incident as intake-service and resolution-service would tell it on their topics: each
 * method changes the case as resolution-service would and answers the event it would publish.
 * Times are the wall clock's, as the real services' are.
 */
public final class StandInCase {

    private static final String AGENT = "ola";

    private final UUID incidentId = UUID.randomUUID();
    private final String customerRef;
    private final String category;
    private final String locale;
    private final Instant reportedAt;
    private final Duration acknowledgeWithin;
    private Instant acknowledgedAt;
    private final List<Instant> resolvedAt = new ArrayList<>();
    private int attempt = 1;
    private CaseStatus status = CaseStatus.OPEN;
    private boolean compensationOffered;
    private final Map<String, Long> sequences = new HashMap<>();

    StandInCase(String customerRef, String category, String locale) {
        this(customerRef, category, locale, now(), Duration.ofHours(4));
    }

    /** A case reported at {@code reportedAt} whose first acknowledgement is due {@code acknowledgeWithin} later. */
    StandInCase(String customerRef, String category, String locale, Instant reportedAt, Duration acknowledgeWithin) {
        this.customerRef = customerRef;
        this.category = category;
        this.locale = locale;
        this.reportedAt = reportedAt.truncatedTo(ChronoUnit.MILLIS);
        this.acknowledgeWithin = acknowledgeWithin;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public Instant reportedAt() {
        return reportedAt;
    }

    /** When the case was first acknowledged, null if never. */
    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    /** When the latest attempt was resolved. */
    public Instant lastResolvedAt() {
        return resolvedAt.get(resolvedAt.size() - 1);
    }

    /** When the first attempt was resolved, null if never. */
    public Instant firstResolvedAt() {
        return resolvedAt.isEmpty() ? null : resolvedAt.get(0);
    }

    public int attempt() {
        return attempt;
    }

    public CaseStatus status() {
        return status;
    }

    /** The CloudEvents sequence of the next event on the topic: each producing service counts its own from 1. */
    long nextSequence(String topic) {
        return sequences.merge(topic, 1L, Long::sum);
    }

    IncidentReported reported() {
        return new IncidentReported(incidentId, "webshop", null, Channel.EMAIL, category, Severity.MEDIUM, false, null,
                reportedAt, customerRef, locale);
    }

    CaseOpened opened() {
        return new CaseOpened(incidentId, "system", 1, status, Severity.MEDIUM, Severity.MEDIUM, false, Channel.EMAIL,
                category, customerRef, reportedAt, reportedAt.plus(acknowledgeWithin), reportedAt.plus(Duration.ofDays(2)),
                null);
    }

    EventData acknowledge() {
        return acknowledge(AGENT, true);
    }

    EventData acknowledge(String owner, boolean apology) {
        status = CaseStatus.ACKNOWLEDGED;
        Instant at = now();
        acknowledgedAt = acknowledgedAt == null ? at : acknowledgedAt;
        return new CaseAcknowledged(incidentId, owner, attempt, status, at, apology, owner);
    }

    EventData resolve(Verdict expected, Cause cause) {
        return resolve(expected, cause, AGENT);
    }

    EventData resolve(Verdict expected, Cause cause, String owner) {
        status = CaseStatus.RESOLVED;
        Instant at = now();
        resolvedAt.add(at);
        return new CaseResolved(incidentId, owner, attempt, status, owner, Outcome.FIXED, cause, expected, at,
                compensationOffered);
    }

    /** The accountable owner handed over, the {@code changes}-th time. */
    EventData changeOwner(String owner, String previousOwner, int changes) {
        return new CaseOwnerChanged(incidentId, previousOwner, attempt, status, owner, previousOwner, changes);
    }

    EventData breachSla(SlaClock clock) {
        Instant deadline = clock == SlaClock.ACKNOWLEDGE ? reportedAt.plus(acknowledgeWithin) : reportedAt.plus(Duration.ofDays(2));
        return new CaseSlaBreached(incidentId, "system", attempt, status, clock, deadline, AGENT);
    }

    EventData reopen(ReopenedBy by) {
        attempt++;
        status = CaseStatus.REOPENED;
        Instant at = now();
        return new CaseReopened(incidentId, by == ReopenedBy.CUSTOMER ? "survey-service" : AGENT, attempt, status, at, by,
                at.plus(Duration.ofDays(2)), AGENT);
    }

    EventData offerCompensation() {
        compensationOffered = true;
        return new CaseCompensationOffered(incidentId, AGENT, attempt, status, UUID.randomUUID(), CompensationKind.REFUND,
                new BigDecimal("50.00"), "NOK", AGENT);
    }

    /** A promise made now, and the events of its end: kept, broken (it fell due now), or none (due in a day). */
    List<EventData> promise(String end) {
        UUID promiseId = UUID.randomUUID();
        Instant dueAt = "BROKEN".equals(end) ? now() : now().plus(Duration.ofDays(1));
        List<EventData> events = new ArrayList<>(List.of(
                new CasePromiseMade(incidentId, AGENT, attempt, status, promiseId, dueAt, now(), AGENT)));
        switch (end) {
            case "KEPT" -> events.add(new CasePromiseKept(incidentId, AGENT, attempt, status, promiseId, now(), dueAt,
                    AGENT));
            case "BROKEN" -> events.add(new CasePromiseBroken(incidentId, "system", attempt, status, promiseId, dueAt,
                    dueAt, AGENT));
            case "OPEN" -> {
            }
            default -> throw new IllegalArgumentException("a promise ends KEPT, BROKEN or OPEN, not " + end);
        }
        return events;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
