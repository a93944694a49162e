package dev.amends.resolution.repository;

import dev.amends.common.events.PromiseState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A concrete promise made to the customer: OPEN until kept, renegotiated or broken. */
@Entity
@Table(name = "case_promise")
public class CasePromise extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID caseId;
    public String description;
    public Instant dueAt;
    @Enumerated(EnumType.STRING)
    public PromiseState state;
    public int renegotiations;
    public String madeBy;
    public Instant madeAt;
    public Instant keptAt;
    public Instant brokenAt;
    /** When the due time was last agreed (made or renegotiated): the at-risk clock runs from here. */
    public Instant negotiatedAt;
    /** When the promise is at risk: 75% of the time from negotiatedAt to dueAt (SlaPolicy.warningAt). */
    public Instant atRiskAt;
    /** The due time the at-risk warning went out for: once per due time. */
    public Instant atRiskDueAt;

    /** A due time agreed now (made or renegotiated): the at-risk clock restarts. */
    public void agreeOn(Instant dueAt, Instant now, Instant atRiskAt) {
        this.dueAt = dueAt;
        this.negotiatedAt = now;
        this.atRiskAt = atRiskAt;
    }
}
