package dev.amends.resolution.repository;

import dev.amends.common.events.EventType;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The queries of the webhook aggregate: subscriptions and their deliveries. Deliveries are stored
 * for every matching enabled subscription before anything is tried, and a replica takes the due
 * ones under a lease ({@code FOR UPDATE SKIP LOCKED}), at most a subscription's lanes at once, so
 * replicas split the work and one slow receiver holds only its own lanes.
 */
@ApplicationScoped
public class WebhookRepository {

    /** {@code *} means every type except these (a disruption's customers, personal data by the thousand). */
    public static final List<String> NOT_IN_EVERY_TYPE = List.of(EventType.DISRUPTION_CUSTOMERS_AFFECTED.type(),
            EventType.DISRUPTION_CUSTOMERS_HELD_OUT.type());

    private final DataSource dataSource;

    public WebhookRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An event as a topic carried it, and when it was published there. */
    public record PublishedEvent(UUID id, String type, String payload, Instant publishedAt) {
    }

    /** A delivery a replica took to try now, with where it goes and what signs it. */
    public record DueDelivery(UUID subscriptionId, UUID eventId, String payload, String url, List<String> secrets) {
    }

    /** A page of rows and how many there are in all. */
    public record Page<T>(List<T> items, long total) {
    }

    public Optional<WebhookSubscription> find(UUID id) {
        return WebhookSubscription.findByIdOptional(id);
    }

    /** The subscription, locked until the transaction ends: its changes and its tries' outcomes take turns. */
    public Optional<WebhookSubscription> lock(UUID id) {
        return WebhookSubscription.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Page<WebhookSubscription> subscriptions(int page, int size) {
        var found = WebhookSubscription.<WebhookSubscription>findAll(Sort.by("createdAt").and("id"));
        return new Page<>(found.page(page, size).list(), found.count());
    }

    /** The deliveries of a subscription, newest first. */
    public Page<WebhookDelivery> deliveries(UUID subscriptionId, int page, int size) {
        var found = WebhookDelivery.<WebhookDelivery>find("subscriptionId", Sort.descending("createdAt").and("eventId"),
                subscriptionId);
        return new Page<>(found.page(page, size).list(), found.count());
    }

    public Optional<WebhookDelivery> lockDelivery(UUID subscriptionId, UUID eventId) {
        return WebhookDelivery.findByIdOptional(new WebhookDelivery.Key(subscriptionId, eventId), LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Stores, for each event, a delivery to every enabled subscription of its type that existed when it
     * was published, in one statement; answers how many. A repeat of an event adds nothing (its id is
     * part of the key).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int storeAll(List<PublishedEvent> events, Instant now) {
        if (events.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into webhook_delivery (subscription_id, event_id, event_type, payload, state, attempts,
                                                   round_attempts, next_attempt_at, created_at)
                     select s.id, e.id, e.type, e.payload, 'PENDING', 0, 0, ?, ?
                     from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as e(id, type, payload, published_at)
                     join webhook_subscription s on s.disabled_reason is null and s.created_at <= e.published_at
                       and (e.type = any(s.event_types) or ('*' = any(s.event_types) and e.type <> all(?)))
                     on conflict do nothing""")) {
            insert.setTimestamp(1, Timestamp.from(now));
            insert.setTimestamp(2, Timestamp.from(now));
            insert.setArray(3, connection.createArrayOf("uuid", events.stream().map(PublishedEvent::id).toArray()));
            insert.setArray(4, connection.createArrayOf("text", events.stream().map(PublishedEvent::type).toArray()));
            insert.setArray(5, connection.createArrayOf("text", events.stream().map(PublishedEvent::payload).toArray()));
            insert.setArray(6, connection.createArrayOf("timestamptz",
                    events.stream().map(event -> Timestamp.from(event.publishedAt())).toArray()));
            insert.setArray(7, connection.createArrayOf("text", NOT_IN_EVERY_TYPE.toArray()));
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("webhook deliveries not stored", e);
        }
    }

    /**
     * Takes up to {@code limit} due deliveries of enabled subscriptions until {@code leaseEnd}, no more
     * per subscription than its free lanes ({@code lanes} minus those leased now by any replica).
     */
    @Transactional
    public List<DueDelivery> claimDue(Instant now, Instant leaseEnd, int lanes, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement claim = connection.prepareStatement("""
                     with lanes as (
                         select s.id, ? - (select count(*) from webhook_delivery x
                                           where x.subscription_id = s.id and x.leased_until > ?) as free
                         from webhook_subscription s where s.disabled_reason is null),
                     candidates as (
                         select c.subscription_id, c.event_id, c.next_attempt_at, l.free,
                                row_number() over (partition by c.subscription_id order by c.next_attempt_at) as n
                         from lanes l cross join lateral (
                             select d.subscription_id, d.event_id, d.next_attempt_at from webhook_delivery d
                             where d.subscription_id = l.id and d.state = 'PENDING' and d.next_attempt_at <= ?
                               and (d.leased_until is null or d.leased_until <= ?)
                             order by d.next_attempt_at limit ?) c
                         where l.free > 0),
                     taken as (
                         select d.subscription_id, d.event_id from webhook_delivery d
                         join candidates c on c.subscription_id = d.subscription_id and c.event_id = d.event_id
                         where c.n <= c.free order by c.next_attempt_at limit ?
                         for update of d skip locked)
                     update webhook_delivery d set leased_until = ? from taken t, webhook_subscription s
                     where d.subscription_id = t.subscription_id and d.event_id = t.event_id and s.id = d.subscription_id
                     returning d.subscription_id, d.event_id, d.payload, s.url, s.secret, s.previous_secret,
                               s.previous_secret_until""")) {
            Timestamp at = Timestamp.from(now);
            claim.setInt(1, lanes);
            claim.setTimestamp(2, at);
            claim.setTimestamp(3, at);
            claim.setTimestamp(4, at);
            claim.setInt(5, lanes);
            claim.setInt(6, limit);
            claim.setTimestamp(7, Timestamp.from(leaseEnd));
            List<DueDelivery> due = new ArrayList<>();
            try (ResultSet row = claim.executeQuery()) {
                while (row.next()) {
                    Timestamp previousUntil = row.getTimestamp(7);
                    List<String> secrets = WebhookSubscription.signingSecrets(row.getString(5), row.getString(6),
                            previousUntil == null ? null : previousUntil.toInstant(), now);
                    due.add(new DueDelivery(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                            row.getString(4), secrets));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new IllegalStateException("due webhook deliveries not claimed", e);
        }
    }

    /** Forgets deliveries created before {@code before}, whatever became of them. */
    @Transactional
    public long purgeCreatedBefore(Instant before) {
        return WebhookDelivery.delete("createdAt < ?1", before);
    }
}
