package dev.amends.common.events;

/** How bad the incident is for the customer. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
