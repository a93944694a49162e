package dev.amends.survey.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A lapsed customer's answer; the comment is personal data and goes with an erasure. */
@Entity
@Table(name = "interview_answer")
public class InterviewAnswer extends PanacheEntityBase {

    @Id
    public UUID interviewId;
    public UUID incidentId;
    public String reason;
    public Integer incidentWeight;
    public boolean mayContact;
    public String comment;
    public Instant answeredAt;
}
