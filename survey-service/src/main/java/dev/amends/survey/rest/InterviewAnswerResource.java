package dev.amends.survey.rest;

import dev.amends.common.validation.JsonBodies;
import dev.amends.common.validation.RequestSchema;
import dev.amends.survey.service.InterviewAnswers;
import dev.amends.survey.service.InterviewInput;
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

/** The exit interview answered as JSON, for clients that build their own page; same rules as the form. */
@Path("/interviews/{token}/answer")
@PermitAll
@Tag(name = "interviews", description = "A lapsed customer's answer to the exit interview, for clients that build their own page.")
public class InterviewAnswerResource {

    private static final RequestSchema ANSWER = RequestSchema.load("schemas/requests/interview-answer.json");

    private final InterviewAnswers answers;
    private final JsonBodies bodies;

    public InterviewAnswerResource(InterviewAnswers answers, JsonBodies bodies) {
        this.answers = answers;
        this.bodies = bodies;
    }

    /** The answer as recorded. */
    public record Answered(InterviewInput answer, Instant answeredAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "answerInterview", summary = "Answer an exit interview",
            description = "The lapsed customer's answer through the link's token; no login. The same rules as the "
                    + "interview page's form. mayContact true opens a win-back case at intake.")
    @APIResponse(responseCode = "200", description = "The answer as recorded.",
            content = @Content(schema = @Schema(ref = "InterviewAnswerRecorded")))
    @APIResponse(responseCode = "404", description = "No exit interview has this token.")
    @APIResponse(responseCode = "409", description = "The interview was answered already.")
    @APIResponse(responseCode = "410", description = "The link has expired.")
    public Answered answer(@Parameter(description = "The token of the interview link, /i/{token}.") @PathParam("token") String token,
                           @RequestBody(required = true, content = @Content(schema = @Schema(ref = "InterviewAnswer")))
                           String body) {
        InterviewInput input = InterviewInput.fromJson(bodies.valid(ANSWER, body));
        return new Answered(input, answers.answer(token, input));
    }
}
