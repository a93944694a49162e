package dev.amends.intake.repository;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/** Disruptions and their affected lists: the queries, and the bulk writes that bypass Hibernate's session. */
@ApplicationScoped
public class DisruptionRepository implements PanacheRepositoryBase<Disruption, UUID> {

    private final DataSource dataSource;

    public DisruptionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One page of the disruptions matching every given filter, latest startedAt first. */
    public PageOf<Disruption> search(DisruptionFilter filter, int page, int size) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.source() != null) {
            conditions.add("source = :source");
            parameters.and("source", filter.source());
        }
        if (filter.externalRef() != null) {
            conditions.add("externalRef = :externalRef");
            parameters.and("externalRef", filter.externalRef());
        }
        if (filter.reporter() != null) {
            conditions.add("reporter = :reporter");
            parameters.and("reporter", filter.reporter());
        }
        if (filter.from() != null) {
            conditions.add("startedAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            conditions.add("startedAt < :to");
            parameters.and("to", filter.to());
        }
        String query = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        var found = find(query, Sort.descending("startedAt", "id"), parameters).page(Page.of(page, size));
        return new PageOf<>(found.list(), found.count());
    }

    /** Each disruption's counts, in one round trip. */
    public Map<UUID, DisruptionCounts> counts(Collection<UUID> disruptionIds) {
        Map<UUID, DisruptionCounts> counts = new HashMap<>();
        if (disruptionIds.isEmpty()) {
            return counts;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("""
                     select d.id,
                            (select count(*) from affected_customer a where a.disruption_id = d.id),
                            (select count(distinct i.customer_id) from incident i
                              where i.disruption_id = d.id and i.origin = 'COMPLAINT'),
                            (select count(*) from incident i where i.disruption_id = d.id and i.origin = 'OUTREACH')
                     from unnest(?::uuid[]) as d(id)""")) {
            count.setArray(1, connection.createArrayOf("uuid", disruptionIds.toArray()));
            try (ResultSet rows = count.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getObject(1, UUID.class),
                            new DisruptionCounts(rows.getLong(2), rows.getLong(3), rows.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting the disruptions' customers failed", e);
        }
        return counts;
    }

    /**
     * Puts the customers on the disruption's list unless they are on it already (a resent batch adds
     * nothing); answers those added. One round trip however long the list.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AffectedCustomer> addAffected(UUID disruptionId, List<AffectedCustomer> customers, Instant addedAt) {
        Map<String, AffectedCustomer> byId = new HashMap<>();
        customers.forEach(customer -> byId.putIfAbsent(customer.customerId(), customer));
        List<AffectedCustomer> added = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into affected_customer (disruption_id, customer_id, customer_name, customer_email,
                         customer_phone, customer_locale, customer_ref, external_ref, added_at)
                     select ?, * , ? from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     on conflict (disruption_id, customer_id) do nothing
                     returning customer_id""")) {
            List<AffectedCustomer> unique = List.copyOf(byId.values());
            insert.setObject(1, disruptionId);
            insert.setObject(2, timestamp(addedAt));
            insert.setArray(3, texts(connection, unique, AffectedCustomer::customerId));
            insert.setArray(4, texts(connection, unique, AffectedCustomer::name));
            insert.setArray(5, texts(connection, unique, AffectedCustomer::email));
            insert.setArray(6, texts(connection, unique, AffectedCustomer::phone));
            insert.setArray(7, texts(connection, unique, AffectedCustomer::locale));
            insert.setArray(8, texts(connection, unique, AffectedCustomer::customerRef));
            insert.setArray(9, texts(connection, unique, AffectedCustomer::externalRef));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    added.add(byId.get(rows.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("adding affected customers failed", e);
        }
        return added;
    }

    /** Affected customers outreach has not reached (nor held out) and who have no complaint linked to the disruption. */
    private static final String UNREACHED = """
            from affected_customer a
            where a.disruption_id = ? and a.outreach is null
              and not exists (select 1 from incident i where i.disruption_id = a.disruption_id
                              and i.customer_id = a.customer_id and i.origin = 'COMPLAINT')""";

    /** How many customers outreach would reach now; rows another transaction is reaching still count. */
    public long unreachedCount(UUID disruptionId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("select count(*) " + UNREACHED)) {
            count.setObject(1, disruptionId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting unreached customers failed", e);
        }
    }

    /**
     * Up to {@code limit} unreached customers, locked until the transaction ends; rows another
     * replica holds are skipped, so two replicas share a run without reaching anyone twice.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AffectedCustomer> claimUnreached(UUID disruptionId, int limit) {
        List<AffectedCustomer> claimed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement claim = connection.prepareStatement(
                     "select a.customer_id, a.customer_name, a.customer_email, a.customer_phone, a.customer_locale,"
                             + " a.customer_ref, a.external_ref " + UNREACHED
                             + " order by a.customer_id limit ? for update of a skip locked")) {
            claim.setObject(1, disruptionId);
            claim.setInt(2, limit);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new AffectedCustomer(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("claiming unreached customers failed", e);
        }
        return claimed;
    }

    /** Records what the run did for each customer: its outreach incident, or null for one held out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markReached(UUID disruptionId, UUID runId, Map<String, UUID> incidentByCustomer) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement mark = connection.prepareStatement("""
                     update affected_customer a
                     set outreach = case when r.incident_id is null then 'HELD_OUT' else 'OPENED' end,
                         outreach_run_id = ?, outreach_incident_id = r.incident_id
                     from unnest(?::text[], ?::uuid[]) as r(customer_id, incident_id)
                     where a.disruption_id = ? and a.customer_id = r.customer_id""")) {
            List<String> customers = List.copyOf(incidentByCustomer.keySet());
            mark.setObject(1, runId);
            mark.setArray(2, connection.createArrayOf("text", customers.toArray()));
            mark.setArray(3, connection.createArrayOf("uuid", customers.stream().map(incidentByCustomer::get).toArray()));
            mark.setObject(4, disruptionId);
            mark.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording outreach failed", e);
        }
    }

    /** How many customers the disruption's list holds. */
    public long affectedCount(UUID disruptionId) {
        return counts(List.of(disruptionId)).getOrDefault(disruptionId, DisruptionCounts.NONE).affected();
    }

    /**
     * Erases the customer's name, email and phone from every affected list of that source; answers the
     * customerRefs they were listed under.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> eraseAffected(String source, String customerId, Instant erasedAt) {
        List<String> customerRefs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement erase = connection.prepareStatement("""
                     update affected_customer a
                     set customer_name = null, customer_email = null, customer_phone = null, personal_data_erased_at = ?
                     from disruption d
                     where d.id = a.disruption_id and d.source = ? and a.customer_id = ? and a.personal_data_erased_at is null
                     returning a.customer_ref""")) {
            erase.setObject(1, timestamp(erasedAt));
            erase.setString(2, source);
            erase.setString(3, customerId);
            try (ResultSet rows = erase.executeQuery()) {
                while (rows.next()) {
                    customerRefs.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("erasing affected customers failed", e);
        }
        return customerRefs;
    }

    /** The exclusive side of {@link #lockAffectedListsShared}: held while customers are added to a list of the source. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAffectedLists(String source) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement(
                     "select pg_advisory_xact_lock(hashtext('amends.affected/' || ?))")) {
            lock.setString(1, source);
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("locking the affected lists failed", e);
        }
    }

    /**
     * For each new complaint, the disruption whose affected list holds its customer (same source) and
     * whose window, {@code startedAt} to {@code endedAt} + P30D (open while not ended), covers its
     * {@code reportedAt}; of several, the latest {@code startedAt}. One round trip for the batch. The
     * caller holds {@link #lockAffectedListsShared} for the sources, so a list being added to in
     * another transaction is either seen here or links these incidents itself once they commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, UUID> disruptionsListing(List<Incident> complaints) {
        Map<UUID, UUID> links = new HashMap<>();
        if (complaints.isEmpty()) {
            return links;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement find = connection.prepareStatement("""
                     select i.id, (select d.id from affected_customer a join disruption d on d.id = a.disruption_id
                                   where a.customer_id = i.customer_id and d.source = i.source
                                     and d.started_at <= i.reported_at
                                     and (d.ended_at is null or i.reported_at < d.ended_at + interval '30 days')
                                   order by d.started_at desc, d.id desc limit 1)
                     from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as i(id, source, customer_id, reported_at)""")) {
            find.setArray(1, connection.createArrayOf("uuid", complaints.stream().map(i -> i.id).toArray()));
            find.setArray(2, connection.createArrayOf("text", complaints.stream().map(i -> i.source).toArray()));
            find.setArray(3, connection.createArrayOf("text", complaints.stream().map(i -> i.customerId).toArray()));
            find.setArray(4, connection.createArrayOf("timestamptz",
                    complaints.stream().map(i -> timestamp(i.reportedAt)).toArray()));
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    UUID disruption = rows.getObject(2, UUID.class);
                    if (disruption != null) {
                        links.put(rows.getObject(1, UUID.class), disruption);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up the disruptions of new incidents failed", e);
        }
        return links;
    }

    /**
     * A transaction-long shared lock on the affected lists of each source: new complaints take it
     * before {@link #disruptionsListing}, an addition to a list takes it exclusively
     * ({@link #lockAffectedLists}), so each sees what the other committed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAffectedListsShared(Collection<String> sources) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement(
                     "select pg_advisory_xact_lock_shared(hashtext('amends.affected/' || s)) from unnest(?::text[]) s order by s")) {
            lock.setArray(1, connection.createArrayOf("text", new TreeSet<>(sources).toArray()));
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("locking the affected lists failed", e);
        }
    }

    private static java.sql.Array texts(Connection connection, List<AffectedCustomer> customers,
                                        Function<AffectedCustomer, String> field) throws SQLException {
        return connection.createArrayOf("text", customers.stream().map(field).toArray());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
