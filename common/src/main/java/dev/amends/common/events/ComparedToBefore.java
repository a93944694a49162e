package dev.amends.common.events;

/** The customer's satisfaction compared with before the incident. */
public enum ComparedToBefore {
    MORE, SAME, LESS
}
