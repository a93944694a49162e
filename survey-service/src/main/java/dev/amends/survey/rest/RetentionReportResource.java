package dev.amends.survey.rest;

import dev.amends.common.security.Principals;
import dev.amends.survey.service.RetentionReport;
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

/** Whether a good recovery keeps customers: lapse rates by the customer's verdict, from the read model alone. */
@Path("/reports/retention")
@RolesAllowed(Principals.ANALYST)
@Tag(name = "reports", description = "Recovery figures for analysts, from survey-service's read model.")
public class RetentionReportResource {

    private final RetentionReport report;

    public RetentionReportResource(RetentionReport report) {
        this.report = report;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvReports.TEXT_CSV})
    @Operation(operationId = "getRetentionReport", summary = "Lapse rates of the customers resolved in [from, to)",
            description = "Customers as the unit, each once, at their latest incident resolved in the window; observed "
                    + "once that resolution is the observation period (default P180D) old, lapsed when a lapse came within it. "
                    + "Lapse rates with 95% Wilson intervals by verdict and by comparedToBefore; interview reasons; "
                    + "win-back rates. Rates are 0-1, null when their denominator is 0. Accept: text/csv for CSV.")
    @APIResponse(responseCode = "200", description = "The figures per group.", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RetentionReport")),
            @Content(mediaType = CsvReports.TEXT_CSV, schema = @Schema(type = SchemaType.STRING))})
    public RetentionReport.Report retention(
            @Parameter(description = "The window's start (the incident's latest resolvedAt, inclusive).", required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "The window's end (exclusive).", required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "As the recovery report's: owner at the latest resolution, origin, disruption, ...",
                    schema = @Schema(type = SchemaType.STRING,
                            enumeration = {"category", "channel", "severity", "owner", "origin", "disruption"}))
            @QueryParam("groupBy") String groupBy) {
        ReportParameters parameters = ReportParameters.read(from, to, groupBy);
        return report.of(parameters.from(), parameters.to(), parameters.groupBy());
    }
}
