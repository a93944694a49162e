package dev.amends.survey.rest;

import dev.amends.common.http.QueryParams;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import dev.amends.common.security.Principals;
import dev.amends.survey.repository.RecoveryFigures;
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

import java.time.Instant;
import java.util.ArrayList;
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
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getRecoveryReport", summary = "Recovery figures of the incidents reported in [from, to)",
            description = "Without groupBy one group, all. Rates are 0-1, null when their denominator is 0.")
    @APIResponse(responseCode = "200", description = "The figures per group.",
            content = @Content(schema = @Schema(ref = "RecoveryReport")))
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
        List<Violation> violations = new ArrayList<>();
        Instant start = required("from", from, violations);
        Instant end = required("to", to, violations);
        RecoveryFigures.GroupBy grouping = groupBy(groupBy, violations);
        if (start != null && end != null && !start.isBefore(end)) {
            violations.add(new Violation("to", "must be after from"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return report.of(start, end, grouping);
    }

    private static RecoveryFigures.GroupBy groupBy(String value, List<Violation> violations) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (RecoveryFigures.GroupBy groupBy : RecoveryFigures.GroupBy.values()) {
            if (groupBy.parameter().equals(value)) {
                return groupBy;
            }
        }
        violations.add(new Violation("groupBy", "must be one of category, channel, severity, owner, origin, disruption"));
        return null;
    }

    private static Instant required(String name, String value, List<Violation> violations) {
        if (value == null || value.isEmpty()) {
            violations.add(new Violation(name, "is required"));
            return null;
        }
        return QueryParams.instant(name, value, violations);
    }
}
