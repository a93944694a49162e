package dev.amends.intake.rest;

import dev.amends.common.events.Channel;
import dev.amends.common.events.Origin;
import dev.amends.common.http.Paging;
import dev.amends.common.http.QueryParams;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.http.Ids;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import dev.amends.common.security.Principals;
import dev.amends.common.validation.JsonBodies;
import dev.amends.intake.repository.IncidentFilter;
import dev.amends.intake.service.IncidentService;
import dev.amends.intake.service.ReportIncidentValidator;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "incidents", description = "Incidents as the reporting systems post them, with the customer's contact.")
public class IncidentResource {

    private final IncidentService incidents;
    private final ReportIncidentValidator validator;
    private final JsonBodies bodies;
    private final JsonWebToken jwt;

    public IncidentResource(IncidentService incidents, ReportIncidentValidator validator, JsonBodies bodies,
                            JsonWebToken jwt) {
        this.incidents = incidents;
        this.validator = validator;
        this.bodies = bodies;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.REPORTER)
    @Operation(operationId = "reportIncident", summary = "Report an incident",
            description = "Stores the incident and publishes incident.reported (a case opens in resolution-service). "
                    + "A repeated Idempotency-Key with the same body replays the first answer.")
    @APIResponse(responseCode = "201", description = "The incident as stored.",
            content = @Content(schema = @Schema(ref = "Incident")))
    public Response report(@RequestBody(required = true, description = "The incident.",
                                   content = @Content(schema = @Schema(ref = "ReportIncident")))
                           String body,
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        IdempotencyKeys.checkFormat(idempotencyKey);
        var json = bodies.parse(body);
        var request = validator.validate(body, json);
        return incidents.report(request, Principals.client(jwt), idempotencyKey, bodies.requestHash("POST", "/incidents", json))
                .toResponse();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Principals.REPORTER, Principals.AGENT, Principals.CONTACT_READER})
    @Operation(operationId = "getIncident", summary = "One incident",
            description = "A reporter sees only the incidents it posted; others are 404.")
    @APIResponse(responseCode = "200", description = "The incident.",
            content = @Content(schema = @Schema(ref = "Incident")))
    @APIResponse(responseCode = "404", description = "No such incident, or one another client posted.")
    public IncidentView get(@PathParam("id") String id, @Context SecurityContext security) {
        Optional<String> onlyOfReporter = security.isUserInRole(Principals.AGENT) || security.isUserInRole(Principals.CONTACT_READER)
                ? Optional.empty()
                : Optional.of(Principals.client(jwt));
        return Ids.parse(id)
                .flatMap(incidentId -> incidents.find(incidentId, onlyOfReporter))
                .map(IncidentView::of)
                .orElseThrow(() -> ProblemException.notFound("No incident " + id + "."));
    }

    @GET
    @RolesAllowed({Principals.REPORTER, Principals.AGENT})
    @Operation(operationId = "searchIncidents", summary = "Search incidents",
            description = "Newest reportedAt first; filters combine with AND. "
                    + "A reporter sees only the incidents it posted, and finds its own by externalRef.")
    @APIResponse(responseCode = "200", description = "One page of incidents.",
            content = @Content(schema = @Schema(ref = "IncidentList")))
    public Response search(@Parameter(description = "The reporting system.") @QueryParam("source") String source,
                           @Parameter(description = "The customer's id in that system.") @QueryParam("customerId") String customerId,
                           @Parameter(description = "The reporting system's own reference, such as an order number.")
                           @QueryParam("externalRef") String externalRef,
                           @Parameter(schema = @Schema(implementation = Channel.class)) @QueryParam("channel") String channel,
                           @Parameter(schema = @Schema(implementation = Origin.class)) @QueryParam("origin") String origin,
                           @Parameter(description = "The disruption the incidents are linked to.") @QueryParam("disruptionId") String disruptionId,
                           @QueryParam("from") String from,
                           @QueryParam("to") String to,
                           @QueryParam("page") String page,
                           @QueryParam("size") String size, @Context SecurityContext security, @Context UriInfo uri) {
        List<Violation> violations = new ArrayList<>();
        String onlyOfReporter = security.isUserInRole(Principals.AGENT) ? null : Principals.client(jwt);
        var filter = new IncidentFilter(QueryParams.text("source", source, 200, violations),
                QueryParams.text("customerId", customerId, 200, violations), QueryParams.text("externalRef", externalRef, 200, violations),
                QueryParams.enumValue("channel", channel, Channel.class, violations),
                QueryParams.enumValue("origin", origin, Origin.class, violations), QueryParams.uuid("disruptionId", disruptionId, violations),
                QueryParams.instant("from", from, violations), QueryParams.instant("to", to, violations), onlyOfReporter);
        Paging paging = Paging.of(page, size, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        var found = incidents.search(filter, paging.page(), paging.size());
        return paging.answer(found.items().stream().map(IncidentView::of).toList(), found.total(), uri).build();
    }
}
