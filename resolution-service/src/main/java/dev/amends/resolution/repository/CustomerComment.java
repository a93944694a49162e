package dev.amends.resolution.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's own words on a survey answer, as amends.survey-comments.v1 carries them: keyed by
 * the invitation id, personal data, never shown to the analyst role.
 */
@Entity
@Table(name = "customer_comment")
public class CustomerComment extends PanacheEntityBase {

    @Id
    public UUID invitationId;
    public UUID caseId;
    public int attempt;
    public String customerRef;
    public String comment;
    public Instant answeredAt;
}
