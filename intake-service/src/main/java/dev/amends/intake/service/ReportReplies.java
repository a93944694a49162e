package dev.amends.intake.service;

import dev.amends.common.idempotency.Answer;
import dev.amends.intake.repository.Incident;

/**
 * The answer a report's Idempotency-Key replays, stored with the incident in one transaction. The
 * web layer says what it is (the service knows no view or status); erasure stores it again
 * without the personal data.
 */
public interface ReportReplies {

    Answer created(Incident incident);
}
