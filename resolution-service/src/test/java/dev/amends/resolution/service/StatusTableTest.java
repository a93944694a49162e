package dev.amends.resolution.service;

import dev.amends.common.domain.ConflictException;
import dev.amends.common.events.CaseStatus;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.amends.common.events.CaseStatus.ACKNOWLEDGED;
import static dev.amends.common.events.CaseStatus.CLOSED;
import static dev.amends.common.events.CaseStatus.IN_PROGRESS;
import static dev.amends.common.events.CaseStatus.OPEN;
import static dev.amends.common.events.CaseStatus.REOPENED;
import static dev.amends.common.events.CaseStatus.RESOLVED;
import static dev.amends.common.events.CaseStatus.WAITING_ON_CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status table, row by row as contract section 5 writes it, without a database or a broker. */
class StatusTableTest {

    private static final Map<StatusTable, Set<CaseStatus>> CONTRACT_FROM = Map.of(
            StatusTable.ACKNOWLEDGE, EnumSet.of(OPEN),
            StatusTable.START_WORK, EnumSet.of(ACKNOWLEDGED, WAITING_ON_CUSTOMER, REOPENED),
            StatusTable.WAIT_ON_CUSTOMER, EnumSet.of(IN_PROGRESS),
            StatusTable.RESOLVE, EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER, REOPENED),
            StatusTable.AGENT_REOPEN, EnumSet.of(RESOLVED),
            StatusTable.CUSTOMER_SAYS_NO, EnumSet.of(RESOLVED, CLOSED),
            StatusTable.CUSTOMER_SAYS_YES_OR_PARTLY, EnumSet.of(RESOLVED),
            StatusTable.AUTO_CLOSE, EnumSet.of(RESOLVED));

    private static final Map<StatusTable, CaseStatus> CONTRACT_TO = Map.of(
            StatusTable.ACKNOWLEDGE, ACKNOWLEDGED,
            StatusTable.START_WORK, IN_PROGRESS,
            StatusTable.WAIT_ON_CUSTOMER, WAITING_ON_CUSTOMER,
            StatusTable.RESOLVE, RESOLVED,
            StatusTable.AGENT_REOPEN, REOPENED,
            StatusTable.CUSTOMER_SAYS_NO, REOPENED,
            StatusTable.CUSTOMER_SAYS_YES_OR_PARTLY, CLOSED,
            StatusTable.AUTO_CLOSE, CLOSED);

    @Test
    void everyChangeStartsOnlyFromTheStatusesTheContractLists() {
        assertThat(CONTRACT_FROM.keySet()).containsExactlyInAnyOrder(StatusTable.values());
        for (StatusTable change : StatusTable.values()) {
            for (CaseStatus status : CaseStatus.values()) {
                assertThat(change.allowsFrom(status)).as("%s from %s", change, status)
                        .isEqualTo(CONTRACT_FROM.get(change).contains(status));
            }
        }
    }

    @Test
    void everyChangeLeadsWhereTheContractSays() {
        for (StatusTable change : StatusTable.values()) {
            assertThat(change.to()).as(change.name()).isEqualTo(CONTRACT_TO.get(change));
        }
    }

    @Test
    void onlyTheCustomersNoLeavesAClosedCase() {
        assertThat(Arrays.stream(StatusTable.values()).filter(change -> change.allowsFrom(CLOSED)))
                .containsExactly(StatusTable.CUSTOMER_SAYS_NO);
    }

    @Test
    void aChangeFromAStatusItMayNotStartFromIsAConflictNamingTheStatus() {
        assertThatThrownBy(() -> StatusTable.RESOLVE.requireFrom(OPEN))
                .isInstanceOf(ConflictException.class)
                .hasMessage("A case in status OPEN cannot be resolved.");
        StatusTable.RESOLVE.requireFrom(IN_PROGRESS);
    }
}
