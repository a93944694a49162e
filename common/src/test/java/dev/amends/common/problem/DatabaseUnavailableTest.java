package dev.amends.common.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database is away, try again" (503) rather than a fault of ours (500). */
class DatabaseUnavailableTest {

    @Test
    void recognisesAConnectionFailureAmongTheCauses() {
        assertThat(ProblemMappers.databaseUnavailable(
                new IllegalStateException(new SQLException("refused", "08001")))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(
                new IllegalStateException(new SQLException("duplicate", "23505")))).isFalse();
    }

    @Test
    void recognisesTheDriversAssertionForAConnectionDroppedInABatch() {
        AssertionError dropped = thrownBy("org.postgresql.jdbc.BatchResultHandler",
                "pgStatement.getConnection().getAutoCommit() should not throw");

        assertThat(ProblemMappers.databaseUnavailable(new IllegalStateException(dropped))).isTrue();
    }

    @Test
    void treatsAnAssertionOfOurOwnAsAFault() {
        assertThat(ProblemMappers.databaseUnavailable(thrownBy("dev.amends.intake.service.ReportBatcher", "oops")))
                .isFalse();
    }

    private static AssertionError thrownBy(String className, String message) {
        AssertionError error = new AssertionError(message);
        error.setStackTrace(new StackTraceElement[]{new StackTraceElement(className, "handle", null, 1)});
        return error;
    }
}
