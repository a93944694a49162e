package dev.amends.survey.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.amends.common.security.Principals;
import dev.amends.survey.service.RecoveryReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

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

    @GET
    @Path("series")
    @Produces({MediaType.APPLICATION_JSON, CsvReports.TEXT_CSV})
    @Operation(operationId = "getRecoverySeries", summary = "The recovery figures per day, week or month of [from, to)",
            description = "UTC; weeks start on Monday, months are calendar months; at most 400 points. Each point's "
                    + "groups are the incidents reported in the point and the window. Accept: text/csv for CSV.")
    @APIResponse(responseCode = "200", description = "The figures per point and group.", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RecoverySeries")),
            @Content(mediaType = CsvReports.TEXT_CSV, schema = @Schema(type = SchemaType.STRING))})
    public RecoveryReport.Series series(
            @Parameter(description = "The window's start (reportedAt, inclusive).", required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "The window's end (reportedAt, exclusive).", required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "The length of a point.", required = true,
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"day", "week", "month"}))
            @QueryParam("interval") String interval,
            @Parameter(description = "As for the report.", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"category", "channel", "severity", "owner", "origin", "disruption"}))
            @QueryParam("groupBy") String groupBy) {
        ReportParameters.SeriesParameters parameters = ReportParameters.series(from, to, interval, groupBy);
        ReportParameters window = parameters.window();
        return report.series(window.from(), window.to(), parameters.interval(), window.groupBy());
    }

    /** An incident (and for a figure of answers, the attempt answered) in a figure's numerator. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "IncidentBehindFigure")
    public record IncidentBehindFigure(String incidentId, Integer attempt, Instant reportedAt) {
    }

    @GET
    @Path("incidents")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listIncidentsBehindFigure", summary = "The incidents in a figure's numerator",
            description = "For the rate figure of the group key (all without groupBy), the incidents, or for a figure "
                    + "of answers the answered attempts, that it counts; oldest reportedAt first, paged.")
    @APIResponse(responseCode = "200", description = "One page; X-Total-Count and Link (next/prev).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = IncidentBehindFigure.class)))
    public Response incidents(
            @Parameter(description = "The window's start (reportedAt, inclusive).", required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "The window's end (reportedAt, exclusive).", required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "As for the report.", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"category", "channel", "severity", "owner", "origin", "disruption"}))
            @QueryParam("groupBy") String groupBy,
            @Parameter(description = "The group's key, as the report names it; required with groupBy.")
            @QueryParam("key") String key,
            @Parameter(description = "A rate of the recovery report, such as csat or slaBreachRate.", required = true,
                    schema = @Schema(type = SchemaType.STRING)) @QueryParam("figure") String figure,
            @Parameter(description = "0-based page.") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1-500 (default 50).") @QueryParam("size") String size,
            @Context UriInfo uri) {
        ReportParameters.BehindParameters parameters = ReportParameters.behind(from, to, groupBy, key, figure, page,
                size);
        ReportParameters window = parameters.window();
        RecoveryReport.Behind behind = report.behind(window.from(), window.to(), window.groupBy(), parameters.key(),
                parameters.figure(), parameters.paging().page(), parameters.paging().size());
        List<IncidentBehindFigure> incidents = behind.incidents().stream()
                .map(row -> new IncidentBehindFigure(row.incidentId(), row.attempt(), row.reportedAt())).toList();
        return parameters.paging().answer(incidents, behind.total(), uri).build();
    }
}
