package dev.amends.resolution.rest;

import dev.amends.common.http.Ids;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.security.Principals;
import dev.amends.resolution.service.CaseService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;


@Path("/cases")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {

    private final CaseService cases;

    public CaseResource(CaseService cases) {
        this.cases = cases;
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Principals.AGENT, Principals.ANALYST})
    @Operation(summary = "One case", description = "Owner, clocks, promises, compensations, resolutions and history.")
    public CaseView get(@PathParam("id") String id) {
        return Ids.parse(id).flatMap(cases::find)
                .orElseThrow(() -> ProblemException.notFound("No case " + id + "."));
    }
}
