package dev.amends.common.events;

/** What the customer was offered. */
public enum CompensationKind {
    REFUND, CREDIT, REPLACEMENT, GIFT, OTHER
}
