package dev.amends.survey.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One resolution attempt as the employee saw it: owner, cause and the verdict they expect. */
@Entity
@Table(name = "attempt_view")
@IdClass(AttemptView.Key.class)
public class AttemptView extends PanacheEntityBase {

    @Id
    public UUID incidentId;
    @Id
    public int attempt;
    public String owner;
    public String cause;
    public String expectedVerdict;
    public Instant resolvedAt;

    public static class Key implements Serializable {
        public UUID incidentId;
        public int attempt;

        public Key() {
        }

        public Key(UUID incidentId, int attempt) {
            this.incidentId = incidentId;
            this.attempt = attempt;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.attempt == attempt && Objects.equals(key.incidentId, incidentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(incidentId, attempt);
        }
    }
}
