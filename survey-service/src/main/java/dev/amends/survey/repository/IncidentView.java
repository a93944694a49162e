package dev.amends.survey.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.UUID;

/**
 * What the service knows of one incident and its case, filled by events in any order. Both topics'
 * consumers change the row at once, each its own columns: an update writes only the columns its
 * event changed, so it cannot put back an older copy of the other's.
 */
@Entity
@Table(name = "incident_view")
@DynamicUpdate
public class IncidentView extends PanacheEntityBase {

    @Id
    public UUID incidentId;
    public String customerRef;
    public String channel;
    public String category;
    public String severity;
    public Instant reportedAt;
    public String owner;
    public int currentAttempt = 1;
    /** The first acknowledgement and the first resolution: the report's median times. */
    public Instant acknowledgedAt;
    public Instant firstResolvedAt;
    /** When the first acknowledgement was due, and whether it apologised (null before it). */
    public Instant acknowledgeBy;
    public Boolean apology;
    public boolean slaBreached;
    /** Changes after the first owner (contract section 5's ownerChanges). */
    public int ownerChanges;
    public boolean compensationOffered;
    /** COMPLAINT, OUTREACH or WIN_BACK. */
    public String origin = "COMPLAINT";
    /** The disruption the incident is linked to, or null. */
    public UUID disruptionId;

    /**
     * The incident's row, created empty the first time any of its events arrives. Both topics'
     * consumers may create it at once: the insert yields to the other one instead of failing.
     */
    public static IncidentView of(UUID incidentId) {
        IncidentView view = findById(incidentId);
        if (view == null) {
            getEntityManager().createNativeQuery("insert into incident_view (incident_id) values (:id) on conflict do nothing")
                    .setParameter("id", incidentId).executeUpdate();
            view = findById(incidentId);
        }
        return view;
    }
}
