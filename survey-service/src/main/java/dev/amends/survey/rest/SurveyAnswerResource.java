package dev.amends.survey.rest;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/** The survey answered as JSON, for clients that build their own page; same rules as the form. */
@Path("/surveys/{token}/answer")
@PermitAll
@Tag(name = "surveys", description = "The customer's answer, for clients that build their own survey page.")
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
    @Operation(operationId = "answerSurvey", summary = "Answer a survey",
            description = "The customer's answer through the link's token; no login. The same rules as the survey page's form.")
    @APIResponse(responseCode = "200", description = "The answer as recorded.",
            content = @Content(schema = @Schema(ref = "AnswerRecorded")))
    @APIResponse(responseCode = "404", description = "No survey has this token.")
    @APIResponse(responseCode = "409", description = "The survey was answered already.")
    @APIResponse(responseCode = "410", description = "The link has expired.")
    public Answered answer(@Parameter(description = "The token of the survey link, /s/{token}.") @PathParam("token") String token,
                           @RequestBody(required = true, content = @Content(schema = @Schema(ref = "Answer"))) String body) {
        AnswerInput input = AnswerInput.fromJson(bodies.valid(ANSWER, body));
        return new Answered(input, answers.answer(token, input));
    }
}
