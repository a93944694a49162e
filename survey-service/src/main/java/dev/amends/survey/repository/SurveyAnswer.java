package dev.amends.survey.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The customer's answer to one invitation. */
@Entity
@Table(name = "survey_answer")
public class SurveyAnswer extends PanacheEntityBase {

    @Id
    public UUID invitationId;
    public UUID incidentId;
    public int attempt;
    public String resolvedSatisfactorily;
    public Integer satisfaction;
    public String comparedToBefore;
    public Integer fairCompensation;
    public Integer speed;
    public String cause;
    /** The customer's own words: possibly personal, erased with the customer's data. */
    public String comment;
    public Instant answeredAt;
}
