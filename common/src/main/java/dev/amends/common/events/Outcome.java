package dev.amends.common.events;

/** How a resolution attempt ended. */
public enum Outcome {
    FIXED, WORKAROUND, NOT_FIXABLE, NO_FAULT_FOUND
}
