package dev.amends.intake.service;

import dev.amends.common.idempotency.Answer;
import dev.amends.intake.repository.OutreachRun;

/** The answers an Idempotency-Key replays; the web layer says what they look like. */
public interface DisruptionReplies {

    Answer declared(DisruptionSummary disruption);

    Answer affected(AffectedAddition addition);

    /** 202 at the run's location. */
    Answer outreachStarted(OutreachRun run);
}
