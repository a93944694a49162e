package dev.amends.intake.repository;

/**
 * Customers on the affected list; customers among them with a linked complaint; outreach incidents
 * opened for the disruption.
 */
public record DisruptionCounts(long affected, long complained, long outreachIncidents) {

    public static final DisruptionCounts NONE = new DisruptionCounts(0, 0, 0);
}
