package dev.amends.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One run of outreach over a disruption's silent customers (contract section 8). */
@Entity
@Table(name = "outreach_run")
public class OutreachRun extends PanacheEntityBase {

    public enum State { RUNNING, DONE }

    @Id
    public UUID id;
    public UUID disruptionId;
    @Enumerated(EnumType.STRING)
    public State state;
    /** The share of the silent customers set aside at random, to compare with those reached. */
    public BigDecimal holdout;
    /** Silent customers when the run started; {@code opened} and {@code heldOut} count what became of them. */
    public int toOpen;
    public int opened;
    public int heldOut;
    public String startedBy;
    public Instant startedAt;
    public Instant doneAt;
}
