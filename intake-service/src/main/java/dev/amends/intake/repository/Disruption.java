package dev.amends.intake.repository;

import dev.amends.common.events.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One failure that hit many customers, as the system that saw it declared it (contract section 8). */
@Entity
@Table(name = "disruption")
public class Disruption extends PanacheEntityBase {

    @Id
    public UUID id;
    /** The JWT sub of the system that declared it: only it may change it or add customers. */
    public String reporter;
    public String source;
    public String externalRef;
    public String category;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    public String summary;
    public String description;
    public Instant startedAt;
    public Instant endedAt;
    @Column(name = "is_public")
    public boolean isPublic;
    public Instant declaredAt;
}
