package dev.amends.resolution.repository;

import java.util.List;

/**
 * A case with its promises and compensations (in the order made), resolution attempts, history and
 * the customer's comments (one per answered invitation).
 */
public record CaseDetails(SupportCase supportCase, List<CasePromise> promises, List<CaseCompensation> compensations,
                          List<CaseResolution> resolutions, List<CaseHistoryEntry> history,
                          List<CustomerComment> comments) {

    /** The comment of the attempt's answer, if the customer left one (and it is not erased). */
    public java.util.Optional<String> commentOn(CaseResolution resolution) {
        return comments.stream().filter(comment -> comment.invitationId.equals(resolution.invitationId))
                .map(comment -> comment.comment).findFirst();
    }
}
