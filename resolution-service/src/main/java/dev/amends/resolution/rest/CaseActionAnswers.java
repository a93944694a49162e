package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.idempotency.Answer;
import dev.amends.resolution.repository.CaseAction;
import dev.amends.resolution.service.CaseActionReplies;
import jakarta.enterprise.context.ApplicationScoped;

/** A bulk action's 202, its progress at its own location. */
@ApplicationScoped
public class CaseActionAnswers implements CaseActionReplies {

    private final ObjectMapper mapper;

    public CaseActionAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Answer started(CaseAction action) {
        return Answer.of(mapper, 202, CaseActionView.of(action), "/case-actions/" + action.id);
    }
}
