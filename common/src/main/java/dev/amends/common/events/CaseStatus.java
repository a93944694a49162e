package dev.amends.common.events;

/** The status of a case; the transitions are resolution-service's rules. */
public enum CaseStatus {
    OPEN, ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED, REOPENED, CLOSED
}
