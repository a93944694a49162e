package dev.amends.common.events;

/** Why a case closed. */
public enum ClosedBy {
    CUSTOMER_VERDICT, AUTO
}
