package dev.amends.survey.rest;

import dev.amends.common.http.Ids;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.security.Principals;
import dev.amends.survey.service.DisruptionReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a disruption's customers did, and whether reaching out first paid, for analysts. */
@Path("/reports/disruptions")
@RolesAllowed(Principals.ANALYST)
@Tag(name = "reports")
public class DisruptionReportResource {

    private final DisruptionReport report;

    public DisruptionReportResource(DisruptionReport report) {
        this.report = report;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getDisruptionReport", summary = "A disruption's customers: who complained, who was reached, the holdout",
            description = "Customers are the unit. Shares and rates are 0-1, null when their denominator is 0.")
    @APIResponse(responseCode = "200", description = "The report.",
            content = @Content(schema = @Schema(ref = "DisruptionReport")))
    @APIResponse(responseCode = "404", description = "No such disruption (or its declaration has not reached the report yet).")
    public DisruptionReport.Report disruption(@PathParam("id") String id) {
        return Ids.parse(id).flatMap(report::of)
                .orElseThrow(() -> ProblemException.notFound("No disruption " + id + "."));
    }
}
