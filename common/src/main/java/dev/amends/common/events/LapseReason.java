package dev.amends.common.events;

/** Why a lapsed customer says they left (the exit interview, contract section 9). */
public enum LapseReason {
    PRICE, QUALITY, SERVICE, INCIDENT_HANDLING, MOVED, COMPETITOR, NO_LONGER_NEEDED, OTHER
}
