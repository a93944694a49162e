package dev.amends.resolution.repository;

/** A promise is OPEN until it is kept or falls due; KEPT and BROKEN are final. */
public enum PromiseState {
    OPEN, KEPT, BROKEN
}
