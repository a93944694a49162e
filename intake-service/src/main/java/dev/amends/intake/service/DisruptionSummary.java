package dev.amends.intake.service;

import dev.amends.intake.repository.Disruption;
import dev.amends.intake.repository.DisruptionCounts;

/** A disruption with its counts, as every answer about it shows it. */
public record DisruptionSummary(Disruption disruption, DisruptionCounts counts) {
}
