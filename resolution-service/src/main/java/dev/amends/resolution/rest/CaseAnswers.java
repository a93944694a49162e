package dev.amends.resolution.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.idempotency.Answer;
import dev.amends.resolution.repository.CaseCompensation;
import dev.amends.resolution.repository.CasePromise;
import dev.amends.resolution.service.CaseReplies;
import dev.amends.resolution.service.CaseService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** A change answers the whole case (200); a new promise or compensation answers itself (201) at its location. */
@ApplicationScoped
public class CaseAnswers implements CaseReplies {

    private final CaseService cases;
    private final ObjectMapper mapper;

    public CaseAnswers(CaseService cases, ObjectMapper mapper) {
        this.cases = cases;
        this.mapper = mapper;
    }

    @Override
    public Answer changed(UUID caseId) {
        return new Answer(200, json(CaseView.of(cases.find(caseId).orElseThrow())), null, false);
    }

    @Override
    public Answer promiseMade(CasePromise promise) {
        return new Answer(201, json(CaseView.promise(promise)), "/cases/" + promise.caseId + "/promises/" + promise.id,
                false);
    }

    @Override
    public Answer compensationOffered(CaseCompensation compensation) {
        return new Answer(201, json(CaseView.compensation(compensation)),
                "/cases/" + compensation.caseId + "/compensations/" + compensation.id, false);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
