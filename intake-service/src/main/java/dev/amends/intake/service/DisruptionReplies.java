package dev.amends.intake.service;

import dev.amends.common.idempotency.Answer;

/** The answers an Idempotency-Key replays; the web layer says what they look like. */
public interface DisruptionReplies {

    Answer declared(DisruptionSummary disruption);

    Answer affected(AffectedAddition addition);
}
