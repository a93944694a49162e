package dev.amends.common.events;

/** The two SLA clocks of a case. */
public enum SlaClock {
    ACKNOWLEDGE, RESOLVE
}
