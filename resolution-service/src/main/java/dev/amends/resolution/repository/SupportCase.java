package dev.amends.resolution.repository;

import dev.amends.common.events.CaseStatus;
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
import jakarta.persistence.Transient;

import java.time.Instant;
import java.util.UUID;

/** A case: who owns the incident, its clocks and how far it got. Its id is the incident id. */
@Entity
@Table(name = "support_case")
public class SupportCase extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    /** Grows with every change of the case's representation ({@link #record}); clients send it back in If-Match. */
    public long version;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Column(name = "is_public")
    public boolean isPublic;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String category;
    public String customerRef;
    public Instant reportedAt;
    public String owner;
    public String assignee;
    public int ownerChanges;
    public int reopenCount;
    public int attempt;
    public Instant acknowledgedAt;
    /** Null until the acknowledgement, then whether it apologised. */
    public Boolean apology;
    public Instant acknowledgeBy;
    public Instant resolveBy;
    public Instant resolvedAt;
    public Instant closedAt;
    public boolean breached;
    public Instant pausedSince;
    /** How the incident came: a complaint, or Amends reaching out. */
    @Enumerated(EnumType.STRING)
    public Origin origin = Origin.COMPLAINT;
    /** The disruption its incident is linked to, or null. */
    public UUID disruptionId;
    /** When each clock warns (75% of its time); moves with its deadline. */
    public Instant acknowledgeWarnAt;
    public Instant resolveWarnAt;
    /** The attempt in which each clock's warning or breach went out (0: none yet). */
    public int acknowledgeWarnedAttempt;
    public int acknowledgeBreachedAttempt;
    public int resolveWarnedAttempt;
    public int resolveBreachedAttempt;
    /** Whether this transaction has grown {@link #version} already: one change, one new version. */
    @Transient
    private boolean versionGrown;

    /**
     * Records a change in the case's history. Every change of what a case shows is recorded, so
     * this is the one place the version grows: once per transaction, however many entries it adds.
     * Not JPA's {@code @Version}: that grows only when this row changes, while a promise or a
     * compensation changes the case in rows of their own, and forcing it
     * ({@code OPTIMISTIC_FORCE_INCREMENT}) counts a change twice when the row changed too (HHH-11810).
     */
    public CaseHistoryEntry record(Instant at, String actor, String change, String from, String to, String reason) {
        CaseHistoryEntry entry = CaseHistoryEntry.of(id, at, actor, change, from, to, reason);
        entry.persist();
        changed();
        return entry;
    }

    /** A change of what the case shows without a history entry of its own (a comment that arrived late, an erasure). */
    public void changed() {
        if (!versionGrown) {
            version++;
            versionGrown = true;
        }
    }
}
