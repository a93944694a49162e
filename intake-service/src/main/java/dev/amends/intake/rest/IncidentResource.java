package dev.amends.intake.rest;

import dev.amends.common.events.Channel;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
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
    @Operation(summary = "Report an incident", description = "201 with the incident as stored; replays on a repeated Idempotency-Key.")
    public Response report(@RequestBody(description = "The incident") String body,
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
    @Operation(summary = "One incident", description = "A reporter sees only the incidents it posted; others are 404.")
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
    @Operation(summary = "Search incidents", description = "Newest reportedAt first; from inclusive, to exclusive. "
            + "A reporter sees only the incidents it posted, and finds its own by externalRef.")
    public Response search(@QueryParam("source") String source, @QueryParam("customerId") String customerId,
                           @QueryParam("externalRef") String externalRef,
                           @QueryParam("channel") String channel, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("page") String page,
                           @QueryParam("size") String size, @Context SecurityContext security, @Context UriInfo uri) {
        List<Violation> violations = new ArrayList<>();
        String onlyOfReporter = security.isUserInRole(Principals.AGENT) ? null : Principals.client(jwt);
        var filter = new IncidentFilter(QueryParams.text("source", source, 200, violations),
                QueryParams.text("customerId", customerId, 200, violations), QueryParams.text("externalRef", externalRef, 200, violations),
                QueryParams.enumValue("channel", channel, Channel.class, violations),
                QueryParams.instant("from", from, violations), QueryParams.instant("to", to, violations), onlyOfReporter);
        Paging paging = Paging.of(page, size, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        var found = incidents.search(filter, paging.page(), paging.size());
        return paging.answer(found.items().stream().map(IncidentView::of).toList(), found.total(), uri).build();
    }
}
