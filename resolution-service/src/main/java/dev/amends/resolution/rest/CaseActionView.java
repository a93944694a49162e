package dev.amends.resolution.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.amends.resolution.repository.CaseAction;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A bulk case action's progress, as contract section 8 answers it. */
@JsonPropertyOrder({"state", "total", "done", "skipped", "failed", "failedCaseIds", "startedAt", "doneAt"})
public record CaseActionView(String state, int total, int done, int skipped, int failed, List<UUID> failedCaseIds,
                             Instant startedAt, Instant doneAt) {

    public static CaseActionView of(CaseAction action) {
        return new CaseActionView(action.state.name(), action.total, action.done, action.skipped, action.failed,
                List.copyOf(action.failedCaseIds), action.startedAt, action.doneAt);
    }
}
