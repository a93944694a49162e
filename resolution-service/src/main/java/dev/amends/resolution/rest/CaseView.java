package dev.amends.resolution.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Channel;
import dev.amends.common.events.Severity;
import dev.amends.resolution.repository.CaseCompensation;
import dev.amends.resolution.repository.CaseDetails;
import dev.amends.resolution.repository.CasePromise;
import dev.amends.resolution.repository.CaseResolution;
import dev.amends.resolution.repository.SupportCase;

import java.math.BigDecimal;
import dev.amends.common.events.Origin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A case as {@code GET /cases/{id}} answers it. */
@JsonPropertyOrder({"id", "status", "version", "severity", "public", "channel", "category", "customerRef", "reportedAt",
        "owner", "assignee", "ownerChanges", "reopenCount", "attempt", "acknowledgedAt", "acknowledgeBy", "resolveBy",
        "resolvedAt", "closedAt", "breached", "pausedSince", "apology", "origin", "disruptionId", "promises", "compensations", "resolutions",
        "history"})
public record CaseView(
        UUID id, CaseStatus status, long version, Severity severity, @JsonProperty("public") boolean isPublic,
        Channel channel, String category, String customerRef, Instant reportedAt, String owner, String assignee,
        int ownerChanges, int reopenCount, int attempt, Instant acknowledgedAt, Instant acknowledgeBy,
        Instant resolveBy, Instant resolvedAt, Instant closedAt, boolean breached, Instant pausedSince, Boolean apology,
        Origin origin, UUID disruptionId, List<Promise> promises, List<Compensation> compensations, List<Resolution> resolutions,
        List<History> history) {

    public record Promise(UUID id, String description, Instant dueAt, String state, int renegotiations,
                          String madeBy, Instant madeAt, Instant keptAt, Instant brokenAt) {
    }

    public record Compensation(UUID id, String kind, BigDecimal amount, String currency, String description,
                               String offeredBy, Instant offeredAt) {
    }

    public record Resolution(int attempt, String outcome, String summary, String cause, String expectedVerdict,
                             String resolvedBy, Instant resolvedAt, String customerVerdict, CustomerAnswer customerAnswer) {
    }

    /** The customer's answer to the survey of one attempt; the comment is their own words. */
    public record CustomerAnswer(String resolvedSatisfactorily, Integer satisfaction, String comparedToBefore, Integer speed,
                                 Integer fairCompensation, String cause, String comment, Instant answeredAt) {

        CustomerAnswer withoutComment() {
            return new CustomerAnswer(resolvedSatisfactorily, satisfaction, comparedToBefore, speed, fairCompensation, cause,
                    null, answeredAt);
        }
    }

    public record History(Instant at, String actor, String change, String from, String to, String reason) {
    }

    /**
     * The case as the analyst role reads it: agents' texts (a promise's or compensation's
     * description, a resolution's summary, every history reason) and the customer's comment are
     * null; they may hold personal data, and analysts never read free text.
     */
    public CaseView withoutFreeText() {
        return new CaseView(id, status, version, severity, isPublic, channel, category, customerRef, reportedAt, owner,
                assignee, ownerChanges, reopenCount, attempt, acknowledgedAt, acknowledgeBy, resolveBy, resolvedAt,
                closedAt, breached, pausedSince, apology, origin, disruptionId,
                promises.stream().map(p -> new Promise(p.id(), null, p.dueAt(), p.state(), p.renegotiations(), p.madeBy(),
                        p.madeAt(), p.keptAt(), p.brokenAt())).toList(),
                compensations.stream().map(k -> new Compensation(k.id(), k.kind(), k.amount(), k.currency(), null,
                        k.offeredBy(), k.offeredAt())).toList(),
                resolutions.stream().map(r -> new Resolution(r.attempt(), r.outcome(), null, r.cause(),
                        r.expectedVerdict(), r.resolvedBy(), r.resolvedAt(), r.customerVerdict(),
                        r.customerAnswer() == null ? null : r.customerAnswer().withoutComment())).toList(),
                history.stream().map(h -> new History(h.at(), h.actor(), h.change(), h.from(), h.to(), null)).toList());
    }

    public static Promise promise(CasePromise p) {
        return new Promise(p.id, p.description, p.dueAt, p.state.name(), p.renegotiations, p.madeBy, p.madeAt, p.keptAt,
                p.brokenAt);
    }

    public static Compensation compensation(CaseCompensation k) {
        return new Compensation(k.id, k.kind, k.amount, k.currency, k.description, k.offeredBy, k.offeredAt);
    }

    public static CaseView of(CaseDetails details) {
        SupportCase c = details.supportCase();
        return new CaseView(c.id, c.status, c.version, c.severity, c.isPublic, c.channel, c.category, c.customerRef,
                c.reportedAt, c.owner, c.assignee, c.ownerChanges, c.reopenCount, c.attempt, c.acknowledgedAt,
                c.acknowledgeBy, c.resolveBy, c.resolvedAt, c.closedAt, c.breached, c.pausedSince, c.apology,
                c.origin, c.disruptionId, details.promises().stream().map(CaseView::promise).toList(),
                details.compensations().stream().map(CaseView::compensation).toList(),
                details.resolutions().stream().map(r -> new Resolution(r.attempt, r.outcome, r.summary, r.cause,
                        r.expectedVerdict, r.resolvedBy, r.resolvedAt, r.customerVerdict, answer(r, details))).toList(),
                details.history().stream().map(h -> new History(h.at, h.actor, h.change, h.from, h.to, h.reason)).toList());
    }

    private static CustomerAnswer answer(CaseResolution r, CaseDetails details) {
        if (r.answeredAt == null) {
            return null;
        }
        return new CustomerAnswer(r.customerVerdict, r.satisfaction, r.comparedToBefore, r.speed, r.fairCompensation,
                r.customerCause, details.commentOn(r).orElse(null), r.answeredAt);
    }
}
