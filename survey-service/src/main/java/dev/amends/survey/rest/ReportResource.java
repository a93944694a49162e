package dev.amends.survey.rest;

import dev.amends.common.security.Principals;
import dev.amends.survey.service.RecoveryReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** Recovery figures for analysts, from the read model alone. */
@Path("/reports/recovery")
@RolesAllowed(Principals.ANALYST)
@Tag(name = "reports", description = "Recovery figures for analysts, from survey-service's read model.")
public class ReportResource {

    private final RecoveryReport report;

    public ReportResource(RecoveryReport report) {
        this.report = report;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvReports.TEXT_CSV})
    @Operation(operationId = "getRecoveryReport", summary = "Recovery figures of the incidents reported in [from, to)",
            description = "Without groupBy one group, all. Rates are 0-1, null when their denominator is 0. "
                    + "Accept: text/csv for CSV.")
    @APIResponse(responseCode = "200", description = "The figures per group.", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RecoveryReport")),
            @Content(mediaType = CsvReports.TEXT_CSV, schema = @Schema(type = SchemaType.STRING))})
    public RecoveryReport.Report recovery(
            @Parameter(description = "The window's start (reportedAt, inclusive).", required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "The window's end (reportedAt, exclusive).", required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "owner: incidents go to the owner at the latest resolution; origin: COMPLAINT, "
                    + "OUTREACH, WIN_BACK; disruption: the disruption id, none for incidents without one.",
                    schema = @Schema(type = SchemaType.STRING,
                            enumeration = {"category", "channel", "severity", "owner", "origin", "disruption"}))
            @QueryParam("groupBy") String groupBy) {
        ReportParameters parameters = ReportParameters.read(from, to, groupBy);
        return report.of(parameters.from(), parameters.to(), parameters.groupBy());
    }
}
