package dev.amends.resolution.repository;

import dev.amends.common.events.Origin;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A bulk case action over a disruption's cases (contract section 8) and its progress. */
@Entity
@Table(name = "case_action")
public class CaseAction extends PanacheEntityBase {

    public enum State { RUNNING, DONE }

    @Id
    public UUID id;
    public UUID disruptionId;
    /** Only the cases of this origin; null: all of the disruption's. */
    @Enumerated(EnumType.STRING)
    public Origin origin;
    public String action;
    /** The validated body, as the action was asked for: every chunk reads its change from it. */
    public String body;
    public String actor;
    @Enumerated(EnumType.STRING)
    public State state;
    public int total;
    public int done;
    public int skipped;
    public int failed;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<UUID> failedCaseIds = new ArrayList<>();
    public UUID lastCaseId;
    public Instant startedAt;
    public Instant doneAt;
}
