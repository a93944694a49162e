package dev.amends.common.events;

/** Who caused the incident, in the customer's view. */
public enum CustomerCause {
    ME, COMPANY, SUPPLIER, PRODUCT, DONT_KNOW
}
