package dev.amends.resolution.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One resolution attempt, with the employee's expected verdict and, later, the customer's answer. */
@Entity
@Table(name = "case_resolution")
@IdClass(CaseResolution.Key.class)
public class CaseResolution extends PanacheEntityBase {

    @Id
    public UUID caseId;
    @Id
    public int attempt;
    public String outcome;
    public String summary;
    public String cause;
    public String expectedVerdict;
    public String resolvedBy;
    public Instant resolvedAt;
    public String customerVerdict;
    /** The customer's answer for this attempt (null until it arrives): the survey's invitation and ratings. */
    public UUID invitationId;
    public Integer satisfaction;
    public String comparedToBefore;
    public Integer fairCompensation;
    public Integer speed;
    public String customerCause;
    public Instant answeredAt;

    /** The composite key (case, attempt). */
    public static class Key implements Serializable {
        public UUID caseId;
        public int attempt;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.attempt == attempt && Objects.equals(key.caseId, caseId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(caseId, attempt);
        }
    }
}
