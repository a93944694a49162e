package dev.amends.intake.rest;

import dev.amends.common.http.Ids;
import dev.amends.common.http.Paging;
import dev.amends.common.http.QueryParams;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import dev.amends.common.security.Principals;
import dev.amends.common.validation.JsonBodies;
import dev.amends.intake.repository.DisruptionFilter;
import dev.amends.intake.service.Caller;
import dev.amends.intake.service.DisruptionService;
import dev.amends.intake.service.DisruptionSummary;
import dev.amends.intake.service.DisruptionValidator;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

@Path("/disruptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "disruptions", description = "Failures that hit many customers, with the customers they affected (contract section 8).")
public class DisruptionResource {

    static final String NDJSON = "application/x-ndjson";

    private final DisruptionService disruptions;
    private final DisruptionValidator validator;
    private final AffectedListReader affectedLists;
    private final JsonBodies bodies;
    private final JsonWebToken jwt;

    public DisruptionResource(DisruptionService disruptions, DisruptionValidator validator, AffectedListReader affectedLists,
                              JsonBodies bodies, JsonWebToken jwt) {
        this.disruptions = disruptions;
        this.validator = validator;
        this.affectedLists = affectedLists;
        this.bodies = bodies;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Principals.REPORTER)
    @Operation(operationId = "declareDisruption", summary = "Declare a disruption",
            description = "Stores the disruption and publishes disruption.declared. Only this client may end it, "
                    + "send its affected customers or name it on an incident.")
    @APIResponse(responseCode = "201", description = "The disruption as stored.",
            content = @Content(schema = @Schema(ref = "Disruption")))
    public Response declare(@RequestBody(required = true, description = "The disruption.",
                                    content = @Content(schema = @Schema(ref = "DeclareDisruption")))
                            String body,
                            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        IdempotencyKeys.checkFormat(idempotencyKey);
        var json = bodies.parse(body);
        var request = validator.declaration(body, json);
        return disruptions.declare(request, caller(idempotencyKey, bodies.requestHash("POST", "/disruptions", json)))
                .toResponse();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(Principals.REPORTER)
    @Operation(operationId = "endDisruption", summary = "Set when a disruption ended",
            description = "Publishes disruption.updated. The window in which complaints are linked to it runs to 30 days after its end.")
    @APIResponse(responseCode = "200", description = "The disruption.", content = @Content(schema = @Schema(ref = "Disruption")))
    @APIResponse(responseCode = "404", description = "No such disruption, or one another client declared.")
    public DisruptionView end(@PathParam("id") String id,
                              @RequestBody(required = true, description = "The end.",
                                      content = @Content(schema = @Schema(ref = "EndDisruption")))
                              String body) {
        UUID disruptionId = Ids.parse(id).orElseThrow(() -> notFound(id));
        var json = bodies.parse(body);
        return DisruptionView.of(disruptions.end(disruptionId, validator.endedAt(body, json), Principals.client(jwt)));
    }

    @POST
    @Path("{id}/affected")
    @Consumes({NDJSON, MediaType.APPLICATION_JSON})
    @RolesAllowed(Principals.REPORTER)
    @Operation(operationId = "addAffectedCustomers", summary = "Add the customers a disruption affected",
            description = "One entry per line (application/x-ndjson) or a JSON array of entries; at most 10,000 entries "
                    + "and 8 MiB (above: 413). One bad entry refuses the whole list, every bad one named by its line. "
                    + "A customer is on the list once, so a resent list adds nothing. Links the customers' earlier "
                    + "complaints in the disruption's window (incident.linked) and publishes disruption.customers-affected.")
    @APIResponse(responseCode = "200", description = "What the list added.",
            content = @Content(schema = @Schema(ref = "AffectedAddition")))
    @APIResponse(responseCode = "404", description = "No such disruption, or one another client declared.")
    @APIResponse(responseCode = "413", description = "Over 10,000 entries or 8 MiB.")
    public Response addAffected(@PathParam("id") String id,
                                @RequestBody(required = true, description = "The affected customers.", content = {
                                        @Content(mediaType = NDJSON, schema = @Schema(ref = "AffectedCustomer")),
                                        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AffectedCustomerList"))})
                                InputStream body,
                                @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                @Context HttpHeaders headers) {
        IdempotencyKeys.checkFormat(idempotencyKey);
        UUID disruptionId = Ids.parse(id).orElseThrow(() -> notFound(id));
        var disruption = disruptions.findOwned(disruptionId, Principals.client(jwt)).orElseThrow(() -> notFound(id));
        boolean ndjson = headers.getMediaType() != null && headers.getMediaType().isCompatible(MediaType.valueOf(NDJSON));
        var list = affectedLists.read(body, ndjson, disruption.source, "/disruptions/" + disruptionId + "/affected");
        return disruptions.addAffected(disruptionId, list.customers(), caller(idempotencyKey, list.requestHash()))
                .toResponse();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Principals.REPORTER, Principals.AGENT, Principals.ANALYST})
    @Operation(operationId = "getDisruption", summary = "One disruption",
            description = "A reporter sees only the disruptions it declared; others are 404. An analyst sees no summary or description.")
    @APIResponse(responseCode = "200", description = "The disruption.", content = @Content(schema = @Schema(ref = "Disruption")))
    @APIResponse(responseCode = "404", description = "No such disruption, or one another client declared.")
    public DisruptionView get(@PathParam("id") String id, @Context SecurityContext security) {
        return Ids.parse(id)
                .flatMap(disruptionId -> disruptions.find(disruptionId, onlyOfReporter(security)))
                .map(view(security))
                .orElseThrow(() -> notFound(id));
    }

    @GET
    @RolesAllowed({Principals.REPORTER, Principals.AGENT, Principals.ANALYST})
    @Operation(operationId = "searchDisruptions", summary = "Search disruptions",
            description = "Latest startedAt first; from and to apply to startedAt. A reporter sees only those it declared.")
    @APIResponse(responseCode = "200", description = "One page of disruptions.",
            content = @Content(schema = @Schema(ref = "DisruptionList")))
    public Response search(@Parameter(description = "The reporting system.") @QueryParam("source") String source,
                           @Parameter(description = "The reporting system's own reference.") @QueryParam("externalRef") String externalRef,
                           @QueryParam("from") String from,
                           @QueryParam("to") String to,
                           @QueryParam("page") String page,
                           @QueryParam("size") String size, @Context SecurityContext security, @Context UriInfo uri) {
        List<Violation> violations = new ArrayList<>();
        var filter = new DisruptionFilter(QueryParams.text("source", source, 200, violations),
                QueryParams.text("externalRef", externalRef, 200, violations),
                QueryParams.instant("from", from, violations), QueryParams.instant("to", to, violations),
                onlyOfReporter(security).orElse(null));
        Paging paging = Paging.of(page, size, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        var found = disruptions.search(filter, paging.page(), paging.size());
        return paging.answer(found.items().stream().map(view(security)).toList(), found.total(), uri).build();
    }

    private Optional<String> onlyOfReporter(SecurityContext security) {
        return security.isUserInRole(Principals.AGENT) || security.isUserInRole(Principals.ANALYST)
                ? Optional.empty()
                : Optional.of(Principals.client(jwt));
    }

    /** An agent (or the reporter) sees the free text; an analyst alone does not. */
    private static Function<DisruptionSummary, DisruptionView> view(SecurityContext security) {
        boolean analystOnly = security.isUserInRole(Principals.ANALYST) && !security.isUserInRole(Principals.AGENT)
                && !security.isUserInRole(Principals.REPORTER);
        return analystOnly ? DisruptionView::withoutFreeText : DisruptionView::of;
    }

    private Caller caller(String idempotencyKey, String requestHash) {
        return new Caller(Principals.client(jwt), Principals.actor(jwt), idempotencyKey, requestHash);
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No disruption " + id + ".");
    }
}
