package dev.amends.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.http.Ids;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.security.Principals;
import dev.amends.common.validation.JsonBodies;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.service.Caller;
import dev.amends.intake.service.OutreachRuns;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.UUID;

@Path("/disruptions/{id}/outreach")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "disruptions")
public class OutreachResource {

    private static final RequestSchema START = RequestSchema.load("schemas/requests/start-outreach.json");

    private final OutreachRuns runs;
    private final JsonBodies bodies;
    private final JsonWebToken jwt;

    public OutreachResource(OutreachRuns runs, JsonBodies bodies, JsonWebToken jwt) {
        this.runs = runs;
        this.bodies = bodies;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "startOutreach", summary = "Reach out to a disruption's silent customers",
            description = "For every affected customer with no complaint linked to the disruption and not reached before, "
                    + "an incident of origin OUTREACH (a case opens for each), except a random holdout share set aside "
                    + "for comparison. Answers at once; the run's progress is at the Location.")
    @APIResponse(responseCode = "202", description = "The run, started.", content = @Content(schema = @Schema(ref = "OutreachRun")))
    @APIResponse(responseCode = "404", description = "No such disruption.")
    @APIResponse(responseCode = "409", description = "A run of this disruption is still running.")
    public Response start(@PathParam("id") String id,
                          @RequestBody(required = true, description = "The holdout share (0 to 0.5, default 0): {} for none.",
                                  content = @Content(schema = @Schema(ref = "StartOutreach"))) String body,
                          @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        IdempotencyKeys.checkFormat(idempotencyKey);
        UUID disruptionId = Ids.parse(id).orElseThrow(() -> notFound(id));
        JsonNode json = bodies.valid(START, body);
        BigDecimal holdout = json.path("holdout").isNumber() ? json.get("holdout").decimalValue() : BigDecimal.ZERO;
        Caller caller = new Caller(Principals.client(jwt), Principals.actor(jwt), idempotencyKey,
                bodies.requestHash("POST", "/disruptions/" + disruptionId + "/outreach", json));
        return runs.start(disruptionId, holdout, caller).toResponse();
    }

    @GET
    @Path("{runId}")
    @RolesAllowed({Principals.AGENT, Principals.ANALYST})
    @Operation(operationId = "getOutreachRun", summary = "An outreach run's progress")
    @APIResponse(responseCode = "200", description = "The run.", content = @Content(schema = @Schema(ref = "OutreachRun")))
    @APIResponse(responseCode = "404", description = "No such run of this disruption.")
    public OutreachRunView get(@PathParam("id") String id, @PathParam("runId") String runId) {
        return Ids.parse(id).flatMap(disruptionId -> Ids.parse(runId).flatMap(run -> runs.find(disruptionId, run)))
                .map(OutreachRunView::of)
                .orElseThrow(() -> ProblemException.notFound("No outreach run " + runId + " of disruption " + id + "."));
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No disruption " + id + ".");
    }
}
