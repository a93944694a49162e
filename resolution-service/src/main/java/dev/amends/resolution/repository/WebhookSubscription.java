package dev.amends.resolution.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Where an owner's tool wants events delivered, which types, and the secret that signs them. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    /** Why a subscription stopped receiving deliveries. */
    public enum DisabledReason {
        /** The receiver answered 410 Gone. */
        GONE,
        /** Failures and no success for the configured time (5 days). */
        FAILING,
    }

    @Id
    public UUID id;
    public String url;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> eventTypes;
    public String description;
    /** Null while enabled. */
    @Enumerated(EnumType.STRING)
    public DisabledReason disabledReason;
    public Instant disabledAt;
    public String secret;
    public String previousSecret;
    public Instant previousSecretUntil;
    public Instant createdAt;
    public String createdBy;
    /** The first failure since the last success; null while the last try succeeded. */
    public Instant failingSince;

    public boolean enabled() {
        return disabledReason == null;
    }

    public void disable(DisabledReason reason, Instant at) {
        disabledReason = reason;
        disabledAt = at;
    }

    public void enable() {
        disabledReason = null;
        disabledAt = null;
        failingSince = null;
    }

    /** The secrets that sign a delivery at {@code now}: the current one, and the previous one for its last day. */
    static List<String> signingSecrets(String secret, String previousSecret, Instant previousSecretUntil, Instant now) {
        return previousSecret != null && previousSecretUntil.isAfter(now) ? List.of(secret, previousSecret) : List.of(secret);
    }

    /** A new current secret; the one it replaces signs beside it until {@code previousUntil}. */
    public void rotate(String newSecret, Instant previousUntil) {
        previousSecret = secret;
        previousSecretUntil = previousUntil;
        secret = newSecret;
    }
}
