package dev.amends.common.events;

/** Who caused the incident, in the employee's view. */
public enum Cause {
    CUSTOMER, COMPANY, SUPPLIER, PRODUCT, UNKNOWN
}
