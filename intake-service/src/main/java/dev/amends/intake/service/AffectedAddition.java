package dev.amends.intake.service;

/** What one addition to an affected list did: entries received, customers added, customers on the list already. */
public record AffectedAddition(long received, long added, long alreadyAffected) {
}
