package dev.amends.intake.rest;

import dev.amends.common.idempotency.IdempotencyRecordPurge;
import dev.amends.intake.support.Rows;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class IdempotencyRecordPurgeTest {

    @Inject
    DataSource dataSource;

    @Inject
    IdempotencyRecordPurge purge;

    @Test
    void forgetsAnswersOlderThanTheRetentionOnly() throws Exception {
        String client = "purge-" + UUID.randomUUID();
        insert(client, "three-days-old", "3 days");
        insert(client, "one-day-old", "25 hours");
        insert(client, "fresh", "1 minute");

        purge.purge();

        Rows rows = new Rows(dataSource);
        assertThat(rows.count("select count(*) from idempotency_record where client = ? and idem_key = 'three-days-old'", client)).isZero();
        assertThat(rows.count("select count(*) from idempotency_record where client = ? and idem_key in ('one-day-old', 'fresh')", client)).isEqualTo(2);
    }

    private void insert(String client, String key, String age) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into idempotency_record (client, idem_key, request_hash, status, body, created_at)
                     values (?, ?, 'hash', 201, '{}', now() - ?::interval)""")) {
            insert.setString(1, client);
            insert.setString(2, key);
            insert.setString(3, age);
            insert.executeUpdate();
        }
    }
}
