package dev.amends.intake.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.amends.intake.repository.OutreachRun;

import java.time.Instant;

/** An outreach run's progress, as contract section 8 answers it. */
@JsonPropertyOrder({"state", "toOpen", "opened", "heldOut", "startedAt", "doneAt"})
public record OutreachRunView(String state, int toOpen, int opened, int heldOut, Instant startedAt, Instant doneAt) {

    public static OutreachRunView of(OutreachRun run) {
        return new OutreachRunView(run.state.name(), run.toOpen, run.opened, run.heldOut, run.startedAt, run.doneAt);
    }

    static String location(OutreachRun run) {
        return "/disruptions/" + run.disruptionId + "/outreach/" + run.id;
    }
}
