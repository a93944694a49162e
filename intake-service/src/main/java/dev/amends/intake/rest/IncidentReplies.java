package dev.amends.intake.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.idempotency.Answer;
import dev.amends.intake.repository.Incident;
import dev.amends.intake.service.ReportReplies;
import jakarta.enterprise.context.ApplicationScoped;

/** A new incident's 201: the incident as the API shows it, at its own location. */
@ApplicationScoped
public class IncidentReplies implements ReportReplies {

    private final ObjectMapper mapper;

    public IncidentReplies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Answer created(Incident incident) {
        return Answer.of(mapper, 201, IncidentView.of(incident), "/incidents/" + incident.id);
    }
}
