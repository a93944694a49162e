package dev.amends.resolution.service;

import dev.amends.common.domain.ConflictException;
import dev.amends.common.events.CaseStatus;

import java.util.EnumSet;
import java.util.Set;

import static dev.amends.common.events.CaseStatus.ACKNOWLEDGED;
import static dev.amends.common.events.CaseStatus.CLOSED;
import static dev.amends.common.events.CaseStatus.IN_PROGRESS;
import static dev.amends.common.events.CaseStatus.OPEN;
import static dev.amends.common.events.CaseStatus.REOPENED;
import static dev.amends.common.events.CaseStatus.RESOLVED;
import static dev.amends.common.events.CaseStatus.WAITING_ON_CUSTOMER;

/** The case's status transitions (contract section 5): from which statuses each change may start, and where it leads. */
public enum StatusTable {

    ACKNOWLEDGE("acknowledged", ACKNOWLEDGED, OPEN),
    START_WORK("set in progress", IN_PROGRESS, ACKNOWLEDGED, WAITING_ON_CUSTOMER, REOPENED),
    WAIT_ON_CUSTOMER("set waiting on the customer", WAITING_ON_CUSTOMER, IN_PROGRESS),
    RESOLVE("resolved", RESOLVED, ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER, REOPENED),
    AGENT_REOPEN("reopened", REOPENED, RESOLVED),
    CUSTOMER_SAYS_NO("reopened by the customer", REOPENED, RESOLVED, CLOSED),
    CUSTOMER_SAYS_YES_OR_PARTLY("closed by the customer", CLOSED, RESOLVED),
    AUTO_CLOSE("closed", CLOSED, RESOLVED);

    private final String action;
    private final CaseStatus to;
    private final Set<CaseStatus> from;

    StatusTable(String action, CaseStatus to, CaseStatus first, CaseStatus... more) {
        this.action = action;
        this.to = to;
        this.from = EnumSet.of(first, more);
    }

    public CaseStatus to() {
        return to;
    }

    public boolean allowsFrom(CaseStatus status) {
        return from.contains(status);
    }

    /** Refuses the change (409) when the case is in a status it may not start from. */
    public void requireFrom(CaseStatus status) {
        if (!allowsFrom(status)) {
            throw new ConflictException("A case in status " + status + " cannot be " + action + ".");
        }
    }
}
