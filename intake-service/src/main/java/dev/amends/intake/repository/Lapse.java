package dev.amends.intake.repository;

import dev.amends.common.events.ValueTier;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A customer another system says stopped buying (contract section 9); once per customer and lapsedAt. */
@Entity
@Table(name = "customer_lapse")
public class Lapse extends PanacheEntityBase {

    @Id
    public UUID id;
    /** The JWT sub of the system that posted it. */
    public String reporter;
    public String source;
    public String customerId;
    public String customerRef;
    public Instant lapsedAt;
    @Enumerated(EnumType.STRING)
    public ValueTier valueTier;
    public Instant recordedAt;
    /** The WIN_BACK incident this lapse opened, if it opened one. */
    public UUID winBackIncidentId;
}
