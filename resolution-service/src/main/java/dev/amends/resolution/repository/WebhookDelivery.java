package dev.amends.resolution.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One event for one subscription: the CloudEvent as Kafka carried it and how its tries went. */
@Entity
@Table(name = "webhook_delivery")
@IdClass(WebhookDelivery.Key.class)
public class WebhookDelivery extends PanacheEntityBase {

    public enum State {
        /** Waiting for its next try (or being tried now). */
        PENDING,
        /** A receiver answered 2xx. */
        DELIVERED,
        /** Every try of the schedule failed. */
        FAILED,
    }

    /** What went wrong on a try that had no status code to show. */
    public enum Failure {
        TIMEOUT,
        CONNECTION_FAILED,
        PRIVATE_ADDRESS,
    }

    /** The id: the subscription and the CloudEvent id. */
    public static class Key implements Serializable {
        public UUID subscriptionId;
        public UUID eventId;

        public Key() {
        }

        public Key(UUID subscriptionId, UUID eventId) {
            this.subscriptionId = subscriptionId;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(subscriptionId, key.subscriptionId)
                    && Objects.equals(eventId, key.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subscriptionId, eventId);
        }
    }

    @Id
    public UUID subscriptionId;
    @Id
    public UUID eventId;
    public String eventType;
    public String payload;
    @Enumerated(EnumType.STRING)
    public State state;
    /** Every try, whoever asked for it. */
    public int attempts;
    /** The tries since the schedule last started (at the event, or at a manual retry). */
    public int roundAttempts;
    public Integer lastStatusCode;
    @Enumerated(EnumType.STRING)
    public Failure lastError;
    public Long lastDurationMs;
    public Instant lastAttemptAt;
    public Instant nextAttemptAt;
    public Instant leasedUntil;
    public Instant createdAt;

    /** Due again now, on a schedule that starts over. */
    public void retryNow(Instant now) {
        state = State.PENDING;
        roundAttempts = 0;
        nextAttemptAt = now;
        leasedUntil = null;
    }
}
