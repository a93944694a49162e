package dev.amends.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A lapsed customer another system says came back (contract section 9); once per customer and returnedAt. */
@Entity
@Table(name = "customer_return")
public class CustomerReturn extends PanacheEntityBase {

    @Id
    public UUID id;
    public String reporter;
    public String source;
    public String customerId;
    public String customerRef;
    public Instant returnedAt;
    public Instant recordedAt;
}
