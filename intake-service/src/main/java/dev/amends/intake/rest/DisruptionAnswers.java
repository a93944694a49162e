package dev.amends.intake.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.idempotency.Answer;
import dev.amends.intake.repository.OutreachRun;
import dev.amends.intake.service.AffectedAddition;
import dev.amends.intake.service.DisruptionReplies;
import dev.amends.intake.service.DisruptionSummary;
import jakarta.enterprise.context.ApplicationScoped;

/** A declared disruption's 201 at its own location; an affected list's 200 with its counts; an outreach run's 202. */
@ApplicationScoped
public class DisruptionAnswers implements DisruptionReplies {

    private final ObjectMapper mapper;

    public DisruptionAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Answer declared(DisruptionSummary disruption) {
        return Answer.of(mapper, 201, DisruptionView.of(disruption), "/disruptions/" + disruption.disruption().id);
    }

    @Override
    public Answer affected(AffectedAddition addition) {
        return Answer.of(mapper, 200, addition, null);
    }

    @Override
    public Answer outreachStarted(OutreachRun run) {
        return Answer.of(mapper, 202, OutreachRunView.of(run), OutreachRunView.location(run));
    }
}
