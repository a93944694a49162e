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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        Claim claim = new Claim(client, key, requestHash);
        KeyCheck check = checkAll(List.of(claim)).get(0);
        if (!check.proceed()) {
            return check.answerInstead();
        }
        Answer answer = change.get();
        if (answer.status() >= 200 && answer.status() < 300) {
            storeAll(List.of(claim), List.of(answer));
        }
        return answer;
    }

    /**
     * For a batch of requests in one transaction: takes each key's lock (held until the transaction
     * ends, so a concurrent request with the same key gets 409 at once) and looks up stored answers,
     * in one round trip. A key that appears twice in the batch is in flight for the second.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<KeyCheck> checkAll(List<Claim> claims) {
        KeyCheck[] checks = new KeyCheck[claims.size()];
        List<Integer> toLook = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            if (claim.key() == null) {
                checks[i] = KeyCheck.PROCEED;
            } else {
                checkFormat(claim.key());
                if (seen.add(claim.lockName())) {
                    toLook.add(i);
                } else {
                    checks[i] = KeyCheck.refused(inProgress());
                }
            }
        }
        if (!toLook.isEmpty()) {
            lockThenFind(claims, toLook, checks);
        }
        return List.of(checks);
    }

    private void lockThenFind(List<Claim> claims, List<Integer> toLook, KeyCheck[] checks) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select c.ord, pg_try_advisory_xact_lock(hashtextextended(c.client || E'\\n' || c.idem_key, 0)),
                            r.request_hash, r.status, r.body, r.location
                     from unnest(?::text[], ?::text[]) with ordinality as c(client, idem_key, ord)
                     left join idempotency_record r on r.client = c.client and r.idem_key = c.idem_key""")) {
            select.setArray(1, connection.createArrayOf("text", toLook.stream().map(i -> claims.get(i).client()).toArray()));
            select.setArray(2, connection.createArrayOf("text", toLook.stream().map(i -> claims.get(i).key()).toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int index = toLook.get(row.getInt(1) - 1);
                    checks[index] = check(row, claims.get(index).requestHash());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency look-up failed", e);
        }
    }

    private static KeyCheck check(ResultSet row, String requestHash) throws SQLException {
        if (!row.getBoolean(2)) {
            return KeyCheck.refused(inProgress());
        }
        String storedHash = row.getString(3);
        if (storedHash == null) {
            return KeyCheck.PROCEED;
        }
        if (!storedHash.equals(requestHash)) {
            return KeyCheck.refused(new ProblemException(422, "Idempotency-Key reused",
                    "This Idempotency-Key was used with a different body."));
        }
        return KeyCheck.replay(new Answer(row.getInt(4), row.getString(5), row.getString(6), true));
    }

    private static ProblemException inProgress() {
        return new ProblemException(409, "Request in progress",
                "A request with this Idempotency-Key is still in progress; retry later.", null,
                Map.of("Retry-After", "1"));
    }

    /** Stores the successful answers of claims that {@link #checkAll} let proceed, in the same transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeAll(List<Claim> claims, List<Answer> answers) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into idempotency_record (client, idem_key, request_hash, status, body, location)
                     values (?, ?, ?, ?, ?, ?)""")) {
            boolean any = false;
            for (int i = 0; i < claims.size(); i++) {
                Claim claim = claims.get(i);
                if (claim.key() == null) {
                    continue;
                }
                Answer answer = answers.get(i);
                insert.setString(1, claim.client());
                insert.setString(2, claim.key());
                insert.setString(3, claim.requestHash());
                insert.setInt(4, answer.status());
                insert.setString(5, answer.body());
                insert.setString(6, answer.location());
                insert.addBatch();
                any = true;
            }
            if (any) {
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency record failed", e);
        }
    }

    /**
     * Replaces the stored answers of the resources at these locations with what they are now (an
     * erasure: a replay must not bring back personal data that was erased).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaceAnswers(List<Answer> current) {
        if (current.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("""
                     update idempotency_record r set body = c.body
                     from unnest(?::text[], ?::text[]) as c(location, body) where r.location = c.location""")) {
            update.setArray(1, connection.createArrayOf("text", current.stream().map(Answer::location).toArray()));
            update.setArray(2, connection.createArrayOf("text", current.stream().map(Answer::body).toArray()));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency records not replaced", e);
        }
    }

    /** A request's claim on its Idempotency-Key ({@code key} null: the client sent none). */
    public record Claim(String client, String key, String requestHash) {
        String lockName() {
            return client + "\n" + key;
        }
    }

    /** What {@link #checkAll} found for a claim: go ahead, replay a stored answer, or refuse (409, 422). */
    public record KeyCheck(Answer replay, ProblemException refusal) {
        static final KeyCheck PROCEED = new KeyCheck(null, null);

        static KeyCheck replay(Answer answer) {
            return new KeyCheck(answer, null);
        }

        static KeyCheck refused(ProblemException refusal) {
            return new KeyCheck(null, refusal);
        }

        public boolean proceed() {
            return replay == null && refusal == null;
        }

        /** The answer to give instead of proceeding: the stored one, or the refusal thrown. */
        public Answer answerInstead() {
            if (refusal != null) {
                throw refusal;
            }
            return replay;
        }
    }
}
