package dev.amends.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Lapses and returns of customers, and the lock that makes a repeated post find the first one. */
@ApplicationScoped
public class LapseRepository implements PanacheRepositoryBase<Lapse, UUID> {

    private final DataSource dataSource;

    public LapseRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Lapse> find(String source, String customerId, Instant lapsedAt) {
        return find("source = ?1 and customerId = ?2 and lapsedAt = ?3", source, customerId, lapsedAt)
                .firstResultOptional();
    }

    /** The customer's latest lapse. */
    public Optional<Lapse> latestOf(String customerRef) {
        return find("customerRef = ?1 order by lapsedAt desc", customerRef).firstResultOptional();
    }

    public Optional<CustomerReturn> findReturn(String source, String customerId, Instant returnedAt) {
        return CustomerReturn.<CustomerReturn>find("source = ?1 and customerId = ?2 and returnedAt = ?3", source,
                customerId, returnedAt).firstResultOptional();
    }

    public Optional<CustomerReturn> findReturn(UUID id) {
        return CustomerReturn.findByIdOptional(id);
    }

    public void persist(CustomerReturn customerReturn) {
        customerReturn.persist();
    }

    /** Until the transaction ends: two posts about one customer at once see each other. */
    public void lockCustomer(String source, String customerId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement(
                     "select pg_advisory_xact_lock(hashtext('amends.customer/' || ? || '/' || ?))")) {
            lock.setString(1, source);
            lock.setString(2, customerId);
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("locking the customer failed", e);
        }
    }
}
