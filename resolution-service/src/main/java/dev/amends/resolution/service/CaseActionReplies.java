package dev.amends.resolution.service;

import dev.amends.common.idempotency.Answer;
import dev.amends.resolution.repository.CaseAction;

/** The 202 a bulk action's Idempotency-Key replays; the web layer says what it looks like. */
public interface CaseActionReplies {

    Answer started(CaseAction action);
}
