package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.CaseStatus;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Path("/cases")
@Produces(MediaType.APPLICATION_JSON)
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
    @Operation(summary = "One case", description = "Owner, clocks, promises, compensations, resolutions and history.")
    public Response get(@PathParam("id") String id, @Context SecurityContext security) {
        CaseView found = Ids.parse(id).flatMap(cases::find).map(CaseView::of)
                .map(view -> asTheCallerMayRead(view, security))
                .orElseThrow(() -> ProblemException.notFound("No case " + id + "."));
        return Response.ok(found).tag(Long.toString(found.version())).build();
    }

    /** Only agents read agents' free text; an analyst gets it as null. */
    private static CaseView asTheCallerMayRead(CaseView view, SecurityContext security) {
        return security.isUserInRole(Principals.AGENT) ? view : view.withoutFreeText();
    }

    @GET
    @RolesAllowed({Principals.AGENT, Principals.ANALYST})
    @Operation(summary = "Search cases", description = "Newest reportedAt first; filters combine with AND.")
    public Response search(@QueryParam("status") String status, @QueryParam("owner") String owner,
                           @QueryParam("breached") String breached, @QueryParam("promiseDue") String promiseDue,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("page") String page, @QueryParam("size") String size,
                           @Context SecurityContext security) {
        List<Violation> violations = new ArrayList<>();
        var filter = new CaseFilter(QueryParams.enumValue("status", status, CaseStatus.class, violations),
                QueryParams.text("owner", owner, 200, violations), bool("breached", breached, violations),
                QueryParams.instant("promiseDue", promiseDue, violations),
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
    @Operation(summary = "Set the accountable owner")
    public Response changeOwner(@PathParam("id") String id, String body,
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
    @Operation(summary = "Set (or clear, with null) whoever works on the case now")
    public Response changeAssignee(@PathParam("id") String id, String body,
                                   @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                   @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        JsonNode json = valid(ASSIGNEE, body, idempotencyKey);
        return commands.changeAssignee(request(id, json, ifMatch, idempotencyKey), text(json, "assignee")).toResponse();
    }

    @POST
    @Path("{id}/acknowledgement")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(summary = "Record the customer's first answer")
    public Response acknowledge(@PathParam("id") String id, String body,
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
    @Operation(summary = "Set IN_PROGRESS or WAITING_ON_CUSTOMER (which pauses the resolve clock)")
    public Response changeStatus(@PathParam("id") String id, String body,
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
    @Operation(summary = "Record a resolution attempt with the employee's expected verdict")
    public Response resolve(@PathParam("id") String id, String body,
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
    @Operation(summary = "Reopen a resolved case: a new attempt")
    public Response reopen(@PathParam("id") String id, String body,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        JsonNode json = valid(REOPEN, body, idempotencyKey);
        return commands.reopen(request(id, json, ifMatch, idempotencyKey), json.get("reason").asText()).toResponse();
    }

    @POST
    @Path("{id}/promises")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.AGENT)
    @Operation(summary = "Make a concrete promise to the customer", description = "201 with Location and the promise.")
    public Response makePromise(@PathParam("id") String id, String body,
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
    @Operation(summary = "Mark an open promise kept")
    public Response keepPromise(@PathParam("id") String id, @PathParam("promiseId") String promiseId, String body,
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
    @Operation(summary = "Agree a new due time for an open promise")
    public Response renegotiatePromise(@PathParam("id") String id, @PathParam("promiseId") String promiseId, String body,
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
    @Operation(summary = "Offer compensation", description = "201 with Location and the compensation.")
    public Response offerCompensation(@PathParam("id") String id, String body,
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
