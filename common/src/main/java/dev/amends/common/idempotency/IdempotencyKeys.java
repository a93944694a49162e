package dev.amends.common.idempotency;

import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Idempotency-Key rules shared by every POST: keys are scoped per client (JWT sub); a replay
 * answers what the first request answered; another body under the same key is 422; the same key
 * while the first request is in flight is 409. Only successful answers are stored, in the same
 * transaction as the change they answer.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    private final DataSource dataSource;

    public IdempotencyKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Rejects a key that breaks the format rule (1-255 characters) before any work is done. */
    public static void checkFormat(String key) {
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH)) {
            throw ProblemException.invalid(List.of(new Violation(HEADER, "must be 1-255 characters")));
        }
    }

    /**
     * Runs {@code change} unless this client already sent this key: then the stored answer is
     * replayed. Must run inside the transaction of the change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Answer once(String client, String key, String requestHash, Supplier<Answer> change) {
        if (key == null) {
            return change.get();
        }
        checkFormat(key);
        try (Connection connection = dataSource.getConnection()) {
            Optional<Answer> stored = lockThenFind(connection, client, key, requestHash);
            if (stored.isPresent()) {
                return stored.get();
            }
            Answer answer = change.get();
            if (answer.status() >= 200 && answer.status() < 300) {
                store(connection, client, key, requestHash, answer);
            }
            return answer;
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency record failed", e);
        }
    }

    /**
     * Takes the key's lock (held until the transaction ends, so a concurrent request with the same
     * key gets 409 at once) and looks up a stored answer, in one round trip.
     */
    private static Optional<Answer> lockThenFind(Connection connection, String client, String key, String requestHash)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select locked.ok, r.request_hash, r.status, r.body, r.location
                from (select pg_try_advisory_xact_lock(hashtextextended(?, 0)) as ok) locked
                left join idempotency_record r on locked.ok and r.client = ? and r.idem_key = ?""")) {
            select.setString(1, client + "\n" + key);
            select.setString(2, client);
            select.setString(3, key);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    throw new ProblemException(409, "Request in progress",
                            "A request with this Idempotency-Key is still in progress; retry later.", null,
                            Map.of("Retry-After", "1"));
                }
                String storedHash = row.getString(2);
                if (storedHash == null) {
                    return Optional.empty();
                }
                if (!storedHash.equals(requestHash)) {
                    throw new ProblemException(422, "Idempotency-Key reused",
                            "This Idempotency-Key was used with a different body.");
                }
                return Optional.of(new Answer(row.getInt(3), row.getString(4), row.getString(5), true));
            }
        }
    }

    private static void store(Connection connection, String client, String key, String requestHash, Answer answer)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into idempotency_record (client, idem_key, request_hash, status, body, location)
                values (?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, client);
            insert.setString(2, key);
            insert.setString(3, requestHash);
            insert.setInt(4, answer.status());
            insert.setString(5, answer.body());
            insert.setString(6, answer.location());
            insert.executeUpdate();
        }
    }
}
