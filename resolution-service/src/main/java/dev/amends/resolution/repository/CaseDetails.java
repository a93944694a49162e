package dev.amends.resolution.repository;

import java.util.List;

/** A case with its promises and compensations (in the order made), resolution attempts and history. */
public record CaseDetails(SupportCase supportCase, List<CasePromise> promises, List<CaseCompensation> compensations,
                          List<CaseResolution> resolutions, List<CaseHistoryEntry> history) {
}
