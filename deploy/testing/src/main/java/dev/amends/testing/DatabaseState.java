package dev.amends.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Every table of a service's database as a row count and a digest of its rows: two equal states
 * mean nothing was inserted, changed or deleted in between.
 */
public final class DatabaseState {

    private DatabaseState() {
    }

    public static Map<String, String> of(DataSource dataSource) {
        Map<String, String> state = new TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("select count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, '|' "
                        + "order by t::text)), '-') from \"" + table + "\" t")) {
                    rows.next();
                    state.put(table, rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return state;
    }

    /** The state once it has stayed the same for a second (earlier work of other tests has settled). */
    public static Map<String, String> settled(DataSource dataSource, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        Map<String, String> before = of(dataSource);
        while (System.nanoTime() < end) {
            Thread.sleep(1000);
            Map<String, String> now = of(dataSource);
            if (now.equals(before)) {
                return now;
            }
            before = now;
        }
        throw new AssertionError("the database did not settle within " + timeout);
    }
}
