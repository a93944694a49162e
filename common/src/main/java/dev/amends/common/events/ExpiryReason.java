package dev.amends.common.events;

/** Why an invitation ended without an answer. */
public enum ExpiryReason {
    EXPIRED, CANCELLED
}
