package dev.amends.resolution.service;

import dev.amends.common.idempotency.Answer;
import dev.amends.resolution.repository.CaseCompensation;
import dev.amends.resolution.repository.CasePromise;

import java.util.UUID;

/**
 * What a change's Idempotency-Key replays, stored in the change's own transaction. The web layer
 * says what it is: the service knows no view or status.
 */
public interface CaseReplies {

    /** The case as it is after the change. */
    Answer changed(UUID caseId);

    Answer promiseMade(CasePromise promise);

    Answer compensationOffered(CaseCompensation compensation);
}
