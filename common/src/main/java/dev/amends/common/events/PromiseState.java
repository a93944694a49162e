package dev.amends.common.events;

/** How a promise made to a customer stands: OPEN until it is kept or falls due; KEPT and BROKEN are final. */
public enum PromiseState {
    OPEN, KEPT, BROKEN
}
