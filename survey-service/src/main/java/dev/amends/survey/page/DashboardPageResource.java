package dev.amends.survey.page;

import dev.amends.survey.repository.RecoveryFigures.Count;
import dev.amends.survey.repository.RecoveryFigures.GroupBy;
import dev.amends.survey.repository.RecoveryFigures.Interval;
import dev.amends.survey.repository.RecoveryFigures.Numerator;
import dev.amends.survey.repository.RecoveryFigures.Rate;
import dev.amends.survey.service.CaseSummaries;
import dev.amends.survey.service.DisruptionReport;
import dev.amends.survey.service.RecoveryReport;
import dev.amends.survey.text.DashboardMessages;
import dev.amends.survey.text.PageLocale;
import dev.amends.survey.text.Texts;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The pages for people (contract section 11), signed in through the identity provider with the
 * authorization-code flow (OIDC tenant {@code pages}): without a session a page redirects to the
 * provider's sign-in, and signing out ends the provider's session too. The dashboard shows the
 * recovery figures of a window (default the last 90 days), each linking to the incidents behind it
 * and on to a read-only case page. Someone without {@code analyst} or {@code agent} gets an HTML
 * 403; only analysts see figures per owner, only agents read the customer's words.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardPageResource {

    private static final Set<String> DASHBOARD_ROLES = Set.of("analyst", "agent");
    private static final int DEFAULT_DAYS = 90;
    private static final int PAGE_SIZE = 50;
    private static final int LATEST_DISRUPTIONS = 5;

    record Choice(String value, String label, boolean selected) {
    }

    record Window(LocalDate from, LocalDate to, GroupBy groupBy) {
    }

    record Pages(String previous, String next) {
    }

    record Row(String incidentId, String href, Integer attempt, String reported) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(String lang, DashboardMessages t, String name, LocalDate from,
                                                 LocalDate to, List<Choice> groupings, List<DashboardView.Figure> headline,
                                                 List<DashboardView.Chart> charts, String groupLabel,
                                                 List<String> groupColumns, List<DashboardView.GroupRow> groups,
                                                 List<DashboardView.DisruptionRow> disruptions);

        static native TemplateInstance incidents(String lang, DashboardMessages t, String title, String back,
                                                 long total, List<Row> rows, Pages pages);

        static native TemplateInstance caseFile(String lang, DashboardMessages t, CaseSummaries.Summary summary,
                                                DashboardFormat format, boolean withWords, String back);

        static native TemplateInstance invalid(String lang, DashboardMessages t, String problem);

        static native TemplateInstance forbidden(String name);

        static native TemplateInstance signedOut();
    }

    private final SecurityIdentity identity;
    private final RecoveryReport report;
    private final DisruptionReport disruptions;
    private final CaseSummaries cases;
    private final Clock clock;

    public DashboardPageResource(SecurityIdentity identity, RecoveryReport report, DisruptionReport disruptions,
                                 CaseSummaries cases, Clock clock) {
        this.identity = identity;
        this.report = report;
        this.disruptions = disruptions;
        this.cases = cases;
        this.clock = clock;
    }

    @GET
    @Path("dashboard")
    @Authenticated
    @Operation(hidden = true)
    public Response dashboard(@QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("groupBy") String groupBy,
                              @HeaderParam("Accept-Language") String acceptLanguage) {
        String lang = lang(acceptLanguage);
        DashboardMessages t = Texts.dashboard(lang);
        if (!mayUseTheDashboard()) {
            return html(403, "en", Templates.forbidden(displayName()));
        }
        Optional<Window> window = window(from, to, groupBy == null || groupBy.isEmpty() ? "category" : groupBy);
        if (window.isEmpty() || !maySee(window.get().groupBy())) {
            return invalid(lang, t);
        }
        Window w = window.get();
        DashboardFormat format = new DashboardFormat(lang, t.noData());
        DashboardView view = new DashboardView(t, format, w.from(), w.to());
        var start = DashboardView.start(w.from());
        var end = DashboardView.start(w.to());
        List<RecoveryReport.Counted> all = report.counted(start, end, null);
        RecoveryReport.Series weekly = report.series(start, end, Interval.WEEK, null);
        List<RecoveryReport.Group> groups = report.of(start, end, w.groupBy()).groups();
        return html(200, lang, Templates.dashboard(lang, t, displayName(), w.from(), w.to(), groupings(t, w.groupBy()),
                view.headline(all.isEmpty() ? null : all.get(0)), view.charts(weekly), groupLabel(t, w.groupBy()),
                view.groupColumns(), view.groups(groups, w.groupBy()),
                view.disruptions(disruptions.latest(LATEST_DISRUPTIONS), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))));
    }

    /** The page form of "behind a figure": the incidents a rate or a count counts, each linking to its case. */
    @GET
    @Path("dashboard/incidents")
    @Authenticated
    @Operation(hidden = true)
    public Response incidents(@QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("groupBy") String groupBy, @QueryParam("key") String key,
                              @QueryParam("figure") String figure, @QueryParam("page") String page,
                              @HeaderParam("Accept-Language") String acceptLanguage) {
        String lang = lang(acceptLanguage);
        DashboardMessages t = Texts.dashboard(lang);
        if (!mayUseTheDashboard()) {
            return html(403, "en", Templates.forbidden(displayName()));
        }
        Optional<Window> window = window(from, to, groupBy);
        Optional<Numerator> numerator = Stream.<Numerator>concat(Arrays.stream(Rate.values()), Count.LISTED.stream())
                .filter(listed -> listed.parameter().equals(figure)).findFirst();
        int pageNumber = pageNumber(page);
        if (window.isEmpty() || numerator.isEmpty() || pageNumber < 0 || !maySee(window.get().groupBy())
                || (window.get().groupBy() != null && (key == null || key.isEmpty()))) {
            return invalid(lang, t);
        }
        Window w = window.get();
        RecoveryReport.Behind behind = report.behind(DashboardView.start(w.from()), DashboardView.start(w.to()),
                w.groupBy(), key, numerator.get(), pageNumber, PAGE_SIZE);
        DashboardFormat format = new DashboardFormat(lang, t.noData());
        List<Row> rows = behind.incidents().stream().map(row -> new Row(row.incidentId(),
                "/dashboard/cases/" + row.incidentId(), row.attempt(), format.minute(row.reportedAt()))).toList();
        String here = DashboardView.behind(figure, w.from(), w.to(), w.groupBy(), key);
        Pages pages = new Pages(pageNumber > 0 ? here + "&page=" + (pageNumber - 1) : null,
                (long) (pageNumber + 1) * PAGE_SIZE < behind.total() ? here + "&page=" + (pageNumber + 1) : null);
        String title = t.behindTitle(new DashboardView(t, format, w.from(), w.to()).label(figure))
                + (w.groupBy() == null ? "" : " (" + key + ")");
        return html(200, lang, Templates.incidents(lang, t, title, back(w), behind.total(), rows, pages));
    }

    /** A read-only page of the case; an analyst reads it without the customer's words. */
    @GET
    @Path("dashboard/cases/{id}")
    @Authenticated
    @Operation(hidden = true)
    public Response caseFile(@PathParam("id") String id, @HeaderParam("Accept-Language") String acceptLanguage) {
        String lang = lang(acceptLanguage);
        DashboardMessages t = Texts.dashboard(lang);
        if (!mayUseTheDashboard()) {
            return html(403, "en", Templates.forbidden(displayName()));
        }
        boolean withWords = identity.hasRole("agent");
        Optional<CaseSummaries.Summary> summary = incidentId(id).flatMap(incident -> cases.of(incident, withWords));
        if (summary.isEmpty()) {
            return html(404, lang, Templates.invalid(lang, t, t.unknownCase()));
        }
        return html(200, lang, Templates.caseFile(lang, t, summary.get(), new DashboardFormat(lang, t.noData()),
                withWords, "/dashboard"));
    }

    /** Where the provider sends a person back after signing out (quarkus.oidc.pages.logout.post-logout-path). */
    @GET
    @Path("signed-out")
    @PermitAll
    @Operation(hidden = true)
    public Response signedOut() {
        return html(200, "en", Templates.signedOut());
    }

    /** The window of a page: dates (UTC, {@code to} not included), by default the 90 days up to today. */
    private Optional<Window> window(String from, String to, String groupBy) {
        try {
            LocalDate end = to == null || to.isEmpty() ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1)
                    : LocalDate.parse(to);
            LocalDate start = from == null || from.isEmpty() ? end.minusDays(DEFAULT_DAYS) : LocalDate.parse(from);
            Optional<GroupBy> grouping = groupBy == null || groupBy.isEmpty() ? Optional.of(GroupBy.CATEGORY)
                    : Arrays.stream(GroupBy.values()).filter(g -> g.parameter().equals(groupBy)).findFirst();
            if (!start.isBefore(end) || end.isAfter(start.plusYears(10)) || grouping.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Window(start, end, groupBy == null || groupBy.isEmpty() ? null : grouping.get()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private List<Choice> groupings(DashboardMessages t, GroupBy chosen) {
        return Arrays.stream(GroupBy.values()).filter(this::maySee)
                .map(g -> new Choice(g.parameter(), groupLabel(t, g), g == chosen)).toList();
    }

    private static String groupLabel(DashboardMessages t, GroupBy groupBy) {
        return switch (groupBy) {
            case CATEGORY -> t.category();
            case CHANNEL -> t.channel();
            case SEVERITY -> t.severity();
            case OWNER -> t.owner();
            case ORIGIN -> t.origin();
            case DISRUPTION -> t.disruption();
        };
    }

    private static String back(Window window) {
        return "/dashboard?from=" + window.from() + "&to=" + window.to()
                + (window.groupBy() == null ? "" : "&groupBy=" + window.groupBy().parameter());
    }

    private boolean mayUseTheDashboard() {
        return identity.getRoles().stream().anyMatch(DASHBOARD_ROLES::contains);
    }

    /** Figures per owner are for analysts. */
    private boolean maySee(GroupBy groupBy) {
        return groupBy != GroupBy.OWNER || identity.hasRole("analyst");
    }

    private Response invalid(String lang, DashboardMessages t) {
        return html(400, lang, Templates.invalid(lang, t, t.invalidWindow()));
    }

    private static int pageNumber(String page) {
        try {
            int number = page == null || page.isEmpty() ? 0 : Integer.parseInt(page);
            return number * (long) PAGE_SIZE < 1_000_000 ? number : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<UUID> incidentId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String lang(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return "en";
        }
        return PageLocale.of(acceptLanguage.split(",")[0].split(";")[0].trim());
    }

    /** The ID token's given name (the session's principal is the ID token), else the user name. */
    private String displayName() {
        if (identity.getPrincipal() instanceof JsonWebToken idToken && idToken.getClaim("given_name") != null) {
            return idToken.getClaim("given_name");
        }
        return identity.getPrincipal().getName();
    }

    private static Response html(int status, String lang, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Language", lang).header("Cache-Control", "no-store").entity(page.render()).build();
    }
}
