package dev.amends.intake.service;

import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys.Claim;
import dev.amends.common.outbox.PendingEvent;
import dev.amends.intake.repository.Incident;

/** A validated incident ready to store: its row, its event, its Idempotency-Key claim and its 201. */
record PendingReport(Incident incident, PendingEvent event, Claim claim, Answer created) {
}
