package dev.amends.resolution.rest;

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
        return Answer.of(mapper, 200, CaseView.of(cases.find(caseId).orElseThrow()), null);
    }

    @Override
    public Answer promiseMade(CasePromise promise) {
        return Answer.of(mapper, 201, CaseView.promise(promise), "/cases/" + promise.caseId + "/promises/" + promise.id);
    }

    @Override
    public Answer compensationOffered(CaseCompensation compensation) {
        return Answer.of(mapper, 201, CaseView.compensation(compensation),
                "/cases/" + compensation.caseId + "/compensations/" + compensation.id);
    }
}
