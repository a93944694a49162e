package dev.amends.resolution.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Compensation offered to the customer. */
@Entity
@Table(name = "case_compensation")
public class CaseCompensation extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID caseId;
    public String kind;
    public BigDecimal amount;
    public String currency;
    public String description;
    public String offeredBy;
    public Instant offeredAt;
}
