package dev.amends.survey.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The survey of one resolution attempt. Holds no contact details and no token, only its hash. */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID incidentId;
    public int attempt;
    public String customerRef;
    @Enumerated(EnumType.STRING)
    public InvitationState state;
    public byte[] tokenSeed;
    public byte[] tokenHash;
    public Instant dueAt;
    public boolean compensationOffered;
    public String locale;
    public Instant sentAt;
    public Instant remindedAt;
    public Instant expiresAt;
    /** When it was answered, expired, cancelled or given up. */
    public Instant closedAt;
    /** How often a mail (invitation or reminder) was tried without success, in a row. */
    public int tries;
    /** After a failure: not before this. */
    public Instant nextTryAt;
    /** When the current run of failures began; delivery gives up a while after it. */
    public Instant failingSince;
    /** A replica is mailing it until then (its lease); another replica leaves it alone. */
    public Instant sendingUntil;

    public static Optional<Invitation> byTokenHash(byte[] hash, LockModeType lock) {
        return find("tokenHash", hash).withLock(lock).firstResultOptional();
    }
}
