package dev.amends.intake.repository;

import dev.amends.common.events.Channel;
import dev.amends.common.events.Origin;
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

/** An incident as reported, with the customer's personal data (until erased). */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    public UUID id;
    /** The JWT sub of the system that posted it: a reporter sees only its own incidents. */
    public String reporter;
    public String source;
    public String externalRef;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String category;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    public String summary;
    public String description;
    public Instant occurredAt;
    @Column(name = "is_public")
    public boolean isPublic;
    public String customerId;
    public String customerName;
    public String customerEmail;
    public String customerPhone;
    public String customerLocale;
    public String customerRef;
    public Instant reportedAt;
    public Instant personalDataErasedAt;
    /** COMPLAINT for every posted incident; OUTREACH and WIN_BACK incidents intake opens itself. */
    @Enumerated(EnumType.STRING)
    public Origin origin = Origin.COMPLAINT;
    /** The disruption it is linked to, or null. */
    public UUID disruptionId;
}
