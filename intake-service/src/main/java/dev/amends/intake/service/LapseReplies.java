package dev.amends.intake.service;

import dev.amends.common.idempotency.Answer;
import dev.amends.intake.repository.CustomerReturn;
import dev.amends.intake.repository.Lapse;

/** The answers an Idempotency-Key replays; the web layer says what they look like. */
public interface LapseReplies {

    /** 201 for the first post of a lapse, 200 with the first record for a repeat. */
    Answer lapse(Lapse lapse, boolean first);

    Answer customerReturn(CustomerReturn customerReturn, boolean first);
}
