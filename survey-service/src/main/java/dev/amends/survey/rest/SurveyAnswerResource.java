package dev.amends.survey.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.validation.JsonBodies;
import dev.amends.common.validation.RequestSchema;
import dev.amends.survey.service.AnswerInput;
import dev.amends.survey.service.SurveyAnswers;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;

/** The survey answered as JSON, for clients that build their own page; same rules as the form. */
@Path("/surveys/{token}/answer")
@PermitAll
public class SurveyAnswerResource {

    private static final RequestSchema ANSWER = RequestSchema.load("schemas/requests/answer.json");

    private final SurveyAnswers answers;
    private final JsonBodies bodies;

    public SurveyAnswerResource(SurveyAnswers answers, JsonBodies bodies) {
        this.answers = answers;
        this.bodies = bodies;
    }

    /** The answer as recorded. */
    public record Answered(AnswerInput answer, Instant answeredAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a survey", description = "404 unknown link, 410 expired, 409 already answered.")
    public Answered answer(@PathParam("token") String token, String body) {
        JsonNode json = bodies.parse(body);
        var violations = ANSWER.violations(body);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        AnswerInput input = AnswerInput.fromJson(json);
        return new Answered(input, answers.answer(token, input));
    }
}
