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

/** The exit interview of one lapse. Holds no contact details and no token, only its hash. */
@Entity
@Table(name = "interview")
public class Interview extends PanacheEntityBase {

    @Id
    public UUID id;
    public String customerRef;
    public Instant lapsedAt;
    @Enumerated(EnumType.STRING)
    public InterviewState state;
    public Instant dueAt;
    /** The customer's latest incident before the lapse; null until the interview is decided. */
    public UUID incidentId;
    public byte[] tokenSeed;
    public byte[] tokenHash;
    public String locale;
    public Instant sentAt;
    public Instant expiresAt;
    public Instant closedAt;
    public int tries;
    public Instant nextTryAt;
    public Instant failingSince;
    public Instant sendingUntil;

    public static Optional<Interview> byTokenHash(byte[] hash, LockModeType lock) {
        return find("tokenHash", hash).withLock(lock).firstResultOptional();
    }
}
