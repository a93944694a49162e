package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.common.events.Origin;
import dev.amends.common.http.Ids;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import dev.amends.common.security.Principals;
import dev.amends.common.validation.JsonBodies;
import dev.amends.common.validation.RequestSchema;
import dev.amends.resolution.service.CaseActionBodies;
import dev.amends.resolution.service.CaseActions;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/case-actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "case actions", description = "One change to every case of a disruption (contract section 8).")
public class CaseActionResource {

    private static final RequestSchema ENVELOPE = RequestSchema.load("schemas/requests/case-action.json");
    /** Each action's own fields are those of its single endpoint, held to the same schema. */
    private static final Map<String, RequestSchema> ACTIONS = Map.of(
            "ACKNOWLEDGE", RequestSchema.load("schemas/requests/acknowledge.json"),
            "SET_OWNER", RequestSchema.load("schemas/requests/change-owner.json"),
            "OFFER_COMPENSATION", RequestSchema.load("schemas/requests/offer-compensation.json"),
            "RESOLVE", RequestSchema.load("schemas/requests/resolve.json"));
    private static final List<String> ENVELOPE_FIELDS = List.of("disruptionId", "origin", "action");

    private final CaseActions actions;
    private final CaseActionBodies actionBodies;
    private final JsonBodies bodies;
    private final JsonWebToken jwt;

    public CaseActionResource(CaseActions actions, CaseActionBodies actionBodies, JsonBodies bodies, JsonWebToken jwt) {
        this.actions = actions;
        this.actionBodies = actionBodies;
        this.bodies = bodies;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "startCaseAction", summary = "Apply one change to every case of a disruption",
            description = "ACKNOWLEDGE, SET_OWNER, OFFER_COMPENSATION or RESOLVE, with the fields of that single action, "
                    + "applied to every case of the disruption (of the origin, if given) there when it starts, whose status "
                    + "allows it; each an ordinary change (history, version, event, the caller as actor), the others skipped. "
                    + "Validated before the 202; Idempotency-Key required.")
    @APIResponse(responseCode = "202", description = "Started; its progress is at the Location.",
            content = @Content(schema = @Schema(ref = "CaseActionProgress")))
    @APIResponse(responseCode = "404", description = "The disruption has no case (of that origin).")
    public Response start(@RequestBody(required = true, content = @Content(schema = @Schema(ref = "CaseAction"))) String body,
                          @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        if (idempotencyKey == null) {
            throw ProblemException.invalid(List.of(new Violation(IdempotencyKeys.HEADER,
                    "is required: a bulk action is applied once, however often it is sent")));
        }
        IdempotencyKeys.checkFormat(idempotencyKey);
        JsonNode json = bodies.valid(ENVELOPE, body);
        String action = json.get("action").asText();
        ObjectNode change = ((ObjectNode) json).deepCopy();
        change.remove(ENVELOPE_FIELDS);
        List<Violation> violations = new ArrayList<>(ACTIONS.get(action).violations(change.toString()));
        if (action.equals("OFFER_COMPENSATION")) {
            Money.check(change, violations);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        UUID disruptionId = UUID.fromString(json.get("disruptionId").asText());
        Origin origin = json.hasNonNull("origin") ? Origin.valueOf(json.get("origin").asText()) : null;
        var caller = new CaseActions.Caller(Principals.actor(jwt), Principals.client(jwt), idempotencyKey,
                bodies.requestHash("POST", "/case-actions", json));
        return actions.start(disruptionId, origin, actionBodies.action(action, change), change.toString(), caller)
                .toResponse();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Principals.AGENT, Principals.ANALYST})
    @Operation(operationId = "getCaseAction", summary = "A bulk case action's progress")
    @APIResponse(responseCode = "200", description = "Its progress.", content = @Content(schema = @Schema(ref = "CaseActionProgress")))
    @APIResponse(responseCode = "404", description = "No such action.")
    public CaseActionView get(@PathParam("id") String id) {
        return Ids.parse(id).flatMap(actions::find).map(CaseActionView::of)
                .orElseThrow(() -> ProblemException.notFound("No case action " + id + "."));
    }
}
