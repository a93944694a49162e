package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Cause;
import dev.amends.common.events.Outcome;
import dev.amends.common.events.Verdict;
import dev.amends.common.events.CompensationKind;
import dev.amends.common.http.Ids;
import dev.amends.common.http.Paging;
import dev.amends.common.http.QueryParams;
import dev.amends.common.problem.Violation;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.security.Principals;
import dev.amends.common.validation.JsonBodies;
import dev.amends.common.validation.RequestSchema;
import dev.amends.resolution.repository.CaseFilter;
import dev.amends.resolution.service.CaseCommands;
import dev.amends.resolution.service.CaseService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Path("/cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cases", description = "Who owns each incident, what was promised and by when, compensation, SLA clocks "
        + "and resolutions.")
public class CaseResource {

    private static final RequestSchema OWNER = RequestSchema.load("schemas/requests/change-owner.json");
    private static final RequestSchema ASSIGNEE = RequestSchema.load("schemas/requests/change-assignee.json");
    private static final RequestSchema ACKNOWLEDGEMENT = RequestSchema.load("schemas/requests/acknowledge.json");
    private static final RequestSchema STATUS = RequestSchema.load("schemas/requests/change-status.json");
    private static final RequestSchema RESOLUTION = RequestSchema.load("schemas/requests/resolve.json");
    private static final RequestSchema REOPEN = RequestSchema.load("schemas/requests/reopen.json");
    private static final RequestSchema PROMISE = RequestSchema.load("schemas/requests/make-promise.json");
    private static final RequestSchema KEPT = RequestSchema.load("schemas/requests/keep-promise.json");
    private static final RequestSchema RENEGOTIATION = RequestSchema.load("schemas/requests/renegotiate-promise.json");
    private static final RequestSchema COMPENSATION = RequestSchema.load("schemas/requests/offer-compensation.json");

    private final CaseService cases;
    private final CaseCommands commands;
    private final JsonBodies bodies;
    private final JsonWebToken jwt;

    @Context
    UriInfo uri;

    @Context
    jakarta.ws.rs.core.Request request;

    public CaseResource(CaseService cases, CaseCommands commands, JsonBodies bodies, JsonWebToken jwt) {
        this.cases = cases;
        this.commands = commands;
        this.bodies = bodies;
        this.jwt = jwt;
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Principals.AGENT, Principals.ANALYST})
    @Operation(operationId = "getCase", summary = "One case",
            description = "Owner, clocks, promises, compensations, resolutions and history.")
    @Parameter(name = HttpHeaders.IF_NONE_MATCH, in = ParameterIn.HEADER, description = "The version last read, "
            + "such as \"7\": 304 without a body while the case is still at that version.",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The case.",
            headers = @Header(name = HttpHeaders.ETAG, ref = "ETag"),
            content = @Content(schema = @Schema(ref = "Case")))
    @APIResponse(responseCode = "304", description = "Unchanged since the version If-None-Match names.",
            headers = @Header(name = HttpHeaders.ETAG, ref = "ETag"))
    @APIResponse(responseCode = "404", description = "No such case.")
    public Response get(@PathParam("id") String id, @Context SecurityContext security) {
        CaseView found = Ids.parse(id).flatMap(cases::find).map(CaseView::of)
                .map(view -> asTheCallerMayRead(view, security))
                .orElseThrow(() -> ProblemException.notFound("No case " + id + "."));
        EntityTag version = new EntityTag(Long.toString(found.version()));
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(version);
        return (unchanged != null ? unchanged : Response.ok(found)).tag(version).build();
    }

    /** Only agents read agents' free text; an analyst gets it as null. */
    private static CaseView asTheCallerMayRead(CaseView view, SecurityContext security) {
        return security.isUserInRole(Principals.AGENT) ? view : view.withoutFreeText();
    }

    @GET
    @RolesAllowed({Principals.AGENT, Principals.ANALYST})
    @Operation(operationId = "searchCases", summary = "Search cases",
            description = "Newest reportedAt first; filters combine with AND.")
    @APIResponse(responseCode = "200", description = "One page of cases.",
            content = @Content(schema = @Schema(ref = "CaseList")))
    public Response search(@Parameter(schema = @Schema(implementation = CaseStatus.class))
                           @QueryParam("status") String status,
                           @Parameter(description = "The accountable owner.") @QueryParam("owner") String owner,
                           @Parameter(description = "Whoever works on the case now.") @QueryParam("assignee") String assignee,
                           @Parameter(description = "Cases with (true) or without (false) a breached clock in the current attempt.",
                                   schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("breached") String breached,
                           @Parameter(description = "Cases with an OPEN promise due at or before this instant.",
                                   schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                           @QueryParam("promiseDue") String promiseDue,
                           @Parameter(schema = @Schema(implementation = Origin.class)) @QueryParam("origin") String origin,
                           @Parameter(description = "The disruption the cases' incidents are linked to.")
                           @QueryParam("disruptionId") String disruptionId,
                           @QueryParam("from") String from,
                           @QueryParam("to") String to,
                           @QueryParam("page") String page, @QueryParam("size") String size,
                           @Context SecurityContext security) {
        List<Violation> violations = new ArrayList<>();
        var filter = new CaseFilter(QueryParams.enumValue("status", status, CaseStatus.class, violations),
                QueryParams.text("owner", owner, 200, violations), QueryParams.text("assignee", assignee, 200, violations),
                bool("breached", breached, violations),
                QueryParams.instant("promiseDue", promiseDue, violations),
                QueryParams.enumValue("origin", origin, Origin.class, violations),
                QueryParams.uuid("disruptionId", disruptionId, violations),
                QueryParams.instant("from", from, violations), QueryParams.instant("to", to, violations));
        Paging paging = Paging.of(page, size, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        var found = cases.search(filter, paging.page(), paging.size());
        return paging.answer(found.items().stream().map(CaseView::of).map(view -> asTheCallerMayRead(view, security)).toList(),
                found.total(), uri).build();
    }

    @PUT
    @Path("{id}/owner")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "changeOwner", summary = "Set the accountable owner",
            description = "The first owner does not count in ownerChanges, every later change does; "
                    + "the current owner again changes nothing.")
    @APIResponse(responseCode = "200", description = "The case.",
            content = @Content(schema = @Schema(ref = "Case")))
    @APIResponse(responseCode = "404", description = "No such case.")
    @APIResponse(responseCode = "409", description = "CLOSED: a closed case takes no new owner."
            + " Or a request with the same Idempotency-Key is still in flight.")
    public Response changeOwner(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "ChangeOwner")))
            String body,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        JsonNode json = valid(OWNER, body, idempotencyKey);
        return commands.changeOwner(request(id, json, ifMatch, idempotencyKey),
                json.get("owner").asText(), json.get("reason").asText()).toResponse();
    }

    @PUT
    @Path("{id}/assignee")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "changeAssignee", summary = "Set (or clear, with null) whoever works on the case now",
            description = "The assignee may change freely; the owner stays accountable.")
    @APIResponse(responseCode = "200", description = "The case.",
            content = @Content(schema = @Schema(ref = "Case")))
    @APIResponse(responseCode = "404", description = "No such case.")
    @APIResponse(responseCode = "409", description = "CLOSED: a closed case takes no new assignee."
            + " Or a request with the same Idempotency-Key is still in flight.")
    public Response changeAssignee(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "ChangeAssignee")))
            String body,
                                   @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                   @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        JsonNode json = valid(ASSIGNEE, body, idempotencyKey);
        return commands.changeAssignee(request(id, json, ifMatch, idempotencyKey), text(json, "assignee")).toResponse();
    }

    @POST
    @Path("{id}/acknowledgement")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "acknowledgeCase", summary = "Record the customer's first answer",
            description = "OPEN to ACKNOWLEDGED; a case without an owner gets the caller as owner.")
    @APIResponse(responseCode = "200", description = "The case.",
            content = @Content(schema = @Schema(ref = "Case")))
    @APIResponse(responseCode = "404", description = "No such case.")
    @APIResponse(responseCode = "409", description = "The case is not OPEN."
            + " Or a request with the same Idempotency-Key is still in flight.")
    public Response acknowledge(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "Acknowledge")))
            String body,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        JsonNode json = valid(ACKNOWLEDGEMENT, body, idempotencyKey);
        return commands.acknowledge(request(id, json, ifMatch, idempotencyKey),
                json.get("apology").asBoolean(), text(json, "message")).toResponse();
    }

    @POST
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "changeStatus", summary = "Set IN_PROGRESS or WAITING_ON_CUSTOMER",
            description = "WAITING_ON_CUSTOMER pauses the resolve clock; leaving it moves resolveBy later by the paused time.")
    @APIResponse(responseCode = "200", description = "The case.",
            content = @Content(schema = @Schema(ref = "Case")))
    @APIResponse(responseCode = "404", description = "No such case.")
    @APIResponse(responseCode = "409", description = "The status table does not allow this transition."
            + " Or a request with the same Idempotency-Key is still in flight.")
    public Response changeStatus(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "ChangeStatus")))
            String body,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        JsonNode json = valid(STATUS, body, idempotencyKey);
        return commands.changeStatus(request(id, json, ifMatch, idempotencyKey),
                CaseStatus.valueOf(json.get("status").asText()), text(json, "reason")).toResponse();
    }

    @POST
    @Path("{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "resolveCase", summary = "Record a resolution attempt with the employee's expected verdict",
            description = "To RESOLVED; the customer is asked afterwards (survey-service).")
    @APIResponse(responseCode = "200", description = "The case.",
            content = @Content(schema = @Schema(ref = "Case")))
    @APIResponse(responseCode = "404", description = "No such case.")
    @APIResponse(responseCode = "409", description = "The case is OPEN, RESOLVED or CLOSED."
            + " Or a request with the same Idempotency-Key is still in flight.")
    public Response resolve(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "Resolve")))
            String body,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        JsonNode json = valid(RESOLUTION, body, idempotencyKey);
        return commands.resolve(request(id, json, ifMatch, idempotencyKey),
                Outcome.valueOf(json.get("outcome").asText()), json.get("summary").asText(),
                Cause.valueOf(json.get("cause").asText()), Verdict.valueOf(json.get("expectedVerdict").asText()))
                .toResponse();
    }

    @POST
    @Path("{id}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "reopenCase", summary = "Reopen a resolved case: a new attempt",
            description = "RESOLVED to REOPENED; resolveBy is the reopen time plus the resolve target.")
    @APIResponse(responseCode = "200", description = "The case.",
            content = @Content(schema = @Schema(ref = "Case")))
    @APIResponse(responseCode = "404", description = "No such case.")
    @APIResponse(responseCode = "409", description = "The case is not RESOLVED."
            + " Or a request with the same Idempotency-Key is still in flight.")
    public Response reopen(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "Reopen")))
            String body,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        JsonNode json = valid(REOPEN, body, idempotencyKey);
        return commands.reopen(request(id, json, ifMatch, idempotencyKey), json.get("reason").asText()).toResponse();
    }

    @POST
    @Path("{id}/promises")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "makePromise", summary = "Make a concrete promise to the customer",
            description = "dueAt must be in the future.")
    @APIResponse(responseCode = "201", description = "The promise.",
            content = @Content(schema = @Schema(ref = "Promise")))
    @APIResponse(responseCode = "404", description = "No such case.")
    @APIResponse(responseCode = "409", description = "CLOSED: a closed case takes no new promise."
            + " Or a request with the same Idempotency-Key is still in flight.")
    public Response makePromise(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "MakePromise")))
            String body,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        List<Violation> violations = new ArrayList<>();
        JsonNode json = valid(PROMISE, body, idempotencyKey, violations,
                j -> QueryParams.instant("dueAt", text(j, "dueAt"), violations));
        return commands.makePromise(request(id, json, ifMatch, idempotencyKey), json.get("description").asText(),
                OffsetDateTime.parse(json.get("dueAt").asText()).toInstant()).toResponse();
    }

    @POST
    @Path("{id}/promises/{promiseId}/kept")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "keepPromise", summary = "Mark an open promise kept",
            description = "Also on a CLOSED case.")
    @APIResponse(responseCode = "200", description = "The case.",
            content = @Content(schema = @Schema(ref = "Case")))
    @APIResponse(responseCode = "404", description = "No such case or promise.")
    @APIResponse(responseCode = "409", description = "The promise is not OPEN."
            + " Or a request with the same Idempotency-Key is still in flight.")
    public Response keepPromise(@PathParam("id") String id, @PathParam("promiseId") String promiseId,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "KeepPromise")))
            String body,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        JsonNode json = valid(KEPT, body, idempotencyKey);
        return commands.keepPromise(request(id, json, ifMatch, idempotencyKey), promise(promiseId), text(json, "note"))
                .toResponse();
    }

    @POST
    @Path("{id}/promises/{promiseId}/renegotiated")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "renegotiatePromise", summary = "Agree a new due time for an open promise",
            description = "Also on a CLOSED case.")
    @APIResponse(responseCode = "200", description = "The case.",
            content = @Content(schema = @Schema(ref = "Case")))
    @APIResponse(responseCode = "404", description = "No such case or promise.")
    @APIResponse(responseCode = "409", description = "The promise is not OPEN."
            + " Or a request with the same Idempotency-Key is still in flight.")
    public Response renegotiatePromise(@PathParam("id") String id, @PathParam("promiseId") String promiseId,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "RenegotiatePromise")))
            String body,
                                       @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        List<Violation> violations = new ArrayList<>();
        JsonNode json = valid(RENEGOTIATION, body, idempotencyKey, violations,
                j -> QueryParams.instant("dueAt", text(j, "dueAt"), violations));
        return commands.renegotiatePromise(request(id, json, ifMatch, idempotencyKey), promise(promiseId),
                OffsetDateTime.parse(json.get("dueAt").asText()).toInstant(), json.get("reason").asText()).toResponse();
    }

    @POST
    @Path("{id}/compensations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "offerCompensation", summary = "Offer compensation",
            description = "amount with no more decimals than the currency has.")
    @APIResponse(responseCode = "201", description = "The compensation.",
            content = @Content(schema = @Schema(ref = "Compensation")))
    @APIResponse(responseCode = "404", description = "No such case.")
    @APIResponse(responseCode = "409", description = "CLOSED: a closed case takes no new compensation."
            + " Or a request with the same Idempotency-Key is still in flight.")
    public Response offerCompensation(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(schema = @Schema(ref = "OfferCompensation")))
            String body,
                                      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        List<Violation> violations = new ArrayList<>();
        JsonNode json = valid(COMPENSATION, body, idempotencyKey, violations, j -> Money.check(j, violations));
        return commands.offerCompensation(request(id, json, ifMatch, idempotencyKey),
                CompensationKind.valueOf(json.get("kind").asText()), json.get("amount").decimalValue(),
                json.get("currency").asText(), json.get("description").asText()).toResponse();
    }

    private JsonNode valid(RequestSchema schema, String body, String idempotencyKey) {
        return valid(schema, body, idempotencyKey, new ArrayList<>(), json -> { });
    }

    /** The schema's violations and those of the code rules, in one answer. */
    private JsonNode valid(RequestSchema schema, String body, String idempotencyKey, List<Violation> violations,
                           java.util.function.Consumer<JsonNode> rules) {
        IdempotencyKeys.checkFormat(idempotencyKey);
        JsonNode json = bodies.parse(body);
        violations.addAll(schema.violations(body));
        if (json.isObject()) {
            rules.accept(json);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return json;
    }

    private static Boolean bool(String name, String value, List<Violation> violations) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            violations.add(new Violation(name, "must be true or false"));
            return null;
        }
        return Boolean.valueOf(value);
    }

    private static UUID promise(String promiseId) {
        return Ids.parse(promiseId).orElseThrow(() -> ProblemException.notFound("No promise " + promiseId + "."));
    }

    private CaseCommands.Request request(String id, JsonNode json, String ifMatch, String idempotencyKey) {
        UUID caseId = Ids.parse(id).orElseThrow(() -> ProblemException.notFound("No case " + id + "."));
        return new CaseCommands.Request(caseId, Principals.actor(jwt), Principals.client(jwt), version(ifMatch),
                idempotencyKey,
                bodies.requestHash(request.getMethod(), uri.getPath(), json));
    }

    /** If-Match: "7" (a bare 7 and a weak W/"7" are accepted too); none means any version. */
    private static Long version(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        String version = ifMatch.trim().replaceAll("^(W/)?\"(.*)\"$", "$2");
        if (!version.matches("\\d{1,18}")) {
            throw ProblemException.badRequest("If-Match must be the case's version in quotes, such as \"7\".");
        }
        return Long.parseLong(version);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() || !value.isTextual() ? null : value.asText();
    }
}
