package dev.amends.intake.repository;

import dev.amends.common.events.Origin;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    private final DataSource dataSource;

    public IncidentRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts new incidents in the caller's transaction with one round trip, bypassing Hibernate's
     * session: the write path of {@code POST /incidents}, where batches of requests share a commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertAll(List<Incident> incidents) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into incident (id, reporter, source, external_ref, channel, category, severity, summary,
                         description, occurred_at, is_public, customer_id, customer_name, customer_email,
                         customer_phone, customer_locale, customer_ref, reported_at, origin, disruption_id)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Incident incident : incidents) {
                insert.setObject(1, incident.id);
                insert.setString(2, incident.reporter);
                insert.setString(3, incident.source);
                insert.setString(4, incident.externalRef);
                insert.setString(5, incident.channel.name());
                insert.setString(6, incident.category);
                insert.setString(7, incident.severity.name());
                insert.setString(8, incident.summary);
                insert.setString(9, incident.description);
                insert.setObject(10, timestamp(incident.occurredAt));
                insert.setBoolean(11, incident.isPublic);
                insert.setString(12, incident.customerId);
                insert.setString(13, incident.customerName);
                insert.setString(14, incident.customerEmail);
                insert.setString(15, incident.customerPhone);
                insert.setString(16, incident.customerLocale);
                insert.setString(17, incident.customerRef);
                insert.setObject(18, timestamp(incident.reportedAt));
                insert.setString(19, incident.origin.name());
                insert.setObject(20, incident.disruptionId);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("incident insert failed", e);
        }
    }

    /**
     * Links the customers' complaints from {@code source} that no disruption holds yet and that
     * {@code reportedAt} places in the window; answers the incidents linked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> linkComplaints(Disruption disruption, Collection<String> customerIds) {
        List<UUID> linked = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement link = connection.prepareStatement("""
                     update incident set disruption_id = ?
                     where source = ? and customer_id = any(?) and disruption_id is null and origin = 'COMPLAINT'
                       and reported_at >= ? and (?::timestamptz is null or reported_at < ?::timestamptz + interval '30 days')
                     returning id""")) {
            link.setObject(1, disruption.id);
            link.setString(2, disruption.source);
            link.setArray(3, connection.createArrayOf("text", customerIds.toArray()));
            link.setObject(4, timestamp(disruption.startedAt));
            link.setObject(5, timestamp(disruption.endedAt));
            link.setObject(6, timestamp(disruption.endedAt));
            try (ResultSet rows = link.executeQuery()) {
                while (rows.next()) {
                    linked.add(rows.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("linking complaints failed", e);
        }
        return linked;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The customer's latest incident reported in [from, until), win-back incidents aside. */
    public Optional<Incident> latestOf(String source, String customerId, Instant from, Instant until) {
        return find("source = ?1 and customerId = ?2 and reportedAt >= ?3 and reportedAt < ?4 and origin <> ?5",
                Sort.descending("reportedAt"), source, customerId, from, until, Origin.WIN_BACK).firstResultOptional();
    }

    /** The customer's incidents from that source whose personal data is still held. */
    public List<Incident> notErasedOf(String source, String customerId) {
        return list("source = ?1 and customerId = ?2 and personalDataErasedAt is null", source, customerId);
    }

    /** One page of the incidents matching every given filter, newest reportedAt first. */
    public PageOf<Incident> search(IncidentFilter filter, int page, int size) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.source() != null) {
            conditions.add("source = :source");
            parameters.and("source", filter.source());
        }
        if (filter.customerId() != null) {
            conditions.add("customerId = :customerId");
            parameters.and("customerId", filter.customerId());
        }
        if (filter.externalRef() != null) {
            conditions.add("externalRef = :externalRef");
            parameters.and("externalRef", filter.externalRef());
        }
        if (filter.reporter() != null) {
            conditions.add("reporter = :reporter");
            parameters.and("reporter", filter.reporter());
        }
        if (filter.channel() != null) {
            conditions.add("channel = :channel");
            parameters.and("channel", filter.channel());
        }
        if (filter.origin() != null) {
            conditions.add("origin = :origin");
            parameters.and("origin", filter.origin());
        }
        if (filter.disruptionId() != null) {
            conditions.add("disruptionId = :disruptionId");
            parameters.and("disruptionId", filter.disruptionId());
        }
        if (filter.from() != null) {
            conditions.add("reportedAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            conditions.add("reportedAt < :to");
            parameters.and("to", filter.to());
        }
        String query = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        var found = find(query, Sort.descending("reportedAt", "id"), parameters).page(Page.of(page, size));
        return new PageOf<>(found.list(), found.count());
    }
}
