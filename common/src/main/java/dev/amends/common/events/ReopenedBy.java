package dev.amends.common.events;

/** Who reopened a case. */
public enum ReopenedBy {
    AGENT, CUSTOMER
}
