package dev.amends.resolution.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One change of a case, with the JWT principal (or system / customer) who made it. */
@Entity
@Table(name = "case_history")
public class CaseHistoryEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID caseId;
    public Instant at;
    public String actor;
    public String change;
    @Column(name = "from_value")
    public String from;
    @Column(name = "to_value")
    public String to;
    public String reason;
    /** The invitation whose comment is this entry's reason (a customer's NO), so it follows that comment. */
    public UUID commentOf;

    public static CaseHistoryEntry of(UUID caseId, Instant at, String actor, String change, String from, String to,
                                      String reason) {
        CaseHistoryEntry entry = new CaseHistoryEntry();
        entry.caseId = caseId;
        entry.at = at;
        entry.actor = actor;
        entry.change = change;
        entry.from = from;
        entry.to = to;
        entry.reason = reason;
        return entry;
    }
}
