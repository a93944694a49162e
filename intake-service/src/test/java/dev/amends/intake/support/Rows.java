package dev.amends.intake.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Counts rows straight from intake's database, to prove what was and was not stored. */
public final class Rows {

    private final DataSource dataSource;

    public Rows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long count(String sql, Object... parameters) {
        return Long.parseLong(strings(sql, parameters).get(0));
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (result.next()) {
                    values.add(result.getString(1));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Everything a request could have left behind: incidents, disruptions and their affected
     * customers, events ever written (their sequences count every one), idempotency records, lapses and returns.
     */
    public Footprint footprint() {
        return new Footprint(count("select count(*) from incident"),
                count("select count(*) from disruption"),
                count("select count(*) from affected_customer"),
                count("select coalesce(sum(last_sequence), 0) from outbox_subject_sequence"),
                count("select count(*) from idempotency_record"),
                count("select count(*) from customer_lapse") + count("select count(*) from customer_return"));
    }

    public record Footprint(long incidents, long disruptions, long affectedCustomers, long eventsWritten,
                            long idempotencyRecords, long lapsesAndReturns) {
    }
}
