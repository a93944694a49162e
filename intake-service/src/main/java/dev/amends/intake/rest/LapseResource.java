package dev.amends.intake.rest;

import dev.amends.common.http.Ids;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.security.Principals;
import dev.amends.common.validation.JsonBodies;
import dev.amends.intake.service.Caller;
import dev.amends.intake.service.LapseValidator;
import dev.amends.intake.service.Lapses;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/** Customers other systems say lapsed or came back (contract section 9). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "customers", description = "Lapses and returns of customers, posted by the systems that see them.")
public class LapseResource {

    private final Lapses lapses;
    private final LapseValidator validator;
    private final JsonBodies bodies;
    private final JsonWebToken jwt;

    public LapseResource(Lapses lapses, LapseValidator validator, JsonBodies bodies, JsonWebToken jwt) {
        this.lapses = lapses;
        this.validator = validator;
        this.bodies = bodies;
        this.jwt = jwt;
    }

    @POST
    @Path("lapses")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.REPORTER)
    @Operation(operationId = "recordLapse", summary = "Record that a customer lapsed",
            description = "Publishes customer.lapsed. A HIGH-value customer with an incident reported in the 180 days "
                    + "before the lapse gets a WIN_BACK incident (its case opens as any other's). A lapse of a customer "
                    + "with no incidents is recorded too and changes no figure.")
    @APIResponse(responseCode = "201", description = "The lapse, recorded.", content = @Content(schema = @Schema(ref = "Lapse")))
    @APIResponse(responseCode = "200", description = "The same customer and lapsedAt again: the first record.",
            content = @Content(schema = @Schema(ref = "Lapse")))
    public Response lapse(@RequestBody(required = true, content = @Content(schema = @Schema(ref = "RecordLapse"))) String body,
                          @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        IdempotencyKeys.checkFormat(idempotencyKey);
        var json = bodies.parse(body);
        var request = validator.lapse(body, json);
        return lapses.lapse(request, caller(idempotencyKey, bodies.requestHash("POST", "/lapses", json))).toResponse();
    }

    @POST
    @Path("returns")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.REPORTER)
    @Operation(operationId = "recordReturn", summary = "Record that a lapsed customer came back",
            description = "Publishes customer.returned; within 180 days of a lapse with a win-back case, it counts as won back.")
    @APIResponse(responseCode = "201", description = "The return, recorded.",
            content = @Content(schema = @Schema(ref = "CustomerReturn")))
    @APIResponse(responseCode = "200", description = "The same customer and returnedAt again: the first record.",
            content = @Content(schema = @Schema(ref = "CustomerReturn")))
    public Response customerReturn(@RequestBody(required = true, content = @Content(schema = @Schema(ref = "RecordReturn")))
                                   String body,
                                   @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        IdempotencyKeys.checkFormat(idempotencyKey);
        var json = bodies.parse(body);
        var request = validator.customerReturn(body, json);
        return lapses.customerReturn(request, caller(idempotencyKey, bodies.requestHash("POST", "/returns", json)))
                .toResponse();
    }

    @GET
    @Path("lapses/{id}")
    @RolesAllowed({Principals.REPORTER, Principals.AGENT})
    @Operation(operationId = "getLapse", summary = "One recorded lapse", description = "A reporter sees only those it posted.")
    @APIResponse(responseCode = "200", description = "The lapse.", content = @Content(schema = @Schema(ref = "Lapse")))
    @APIResponse(responseCode = "404", description = "No such lapse, or one another client posted.")
    public LapseAnswers.LapseView getLapse(@PathParam("id") String id, @Context SecurityContext security) {
        return Ids.parse(id).flatMap(lapseId -> lapses.findLapse(lapseId, onlyOfReporter(security)))
                .map(LapseAnswers.LapseView::of)
                .orElseThrow(() -> ProblemException.notFound("No lapse " + id + "."));
    }

    @GET
    @Path("returns/{id}")
    @RolesAllowed({Principals.REPORTER, Principals.AGENT})
    @Operation(operationId = "getReturn", summary = "One recorded return", description = "A reporter sees only those it posted.")
    @APIResponse(responseCode = "200", description = "The return.", content = @Content(schema = @Schema(ref = "CustomerReturn")))
    @APIResponse(responseCode = "404", description = "No such return, or one another client posted.")
    public LapseAnswers.ReturnView getReturn(@PathParam("id") String id, @Context SecurityContext security) {
        return Ids.parse(id).flatMap(returnId -> lapses.findReturn(returnId, onlyOfReporter(security)))
                .map(LapseAnswers.ReturnView::of)
                .orElseThrow(() -> ProblemException.notFound("No return " + id + "."));
    }

    /** An agent sees every record; a reporter only its own. */
    private Optional<String> onlyOfReporter(SecurityContext security) {
        return security.isUserInRole(Principals.AGENT) ? Optional.empty() : Optional.of(Principals.client(jwt));
    }

    private Caller caller(String idempotencyKey, String requestHash) {
        return new Caller(Principals.client(jwt), Principals.actor(jwt), idempotencyKey, requestHash);
    }
}
