package dev.amends.survey.page;

import dev.amends.survey.repository.RecoveryFigures;
import dev.amends.survey.repository.RecoveryFigures.GroupBy;
import dev.amends.survey.service.DisruptionReport;
import dev.amends.survey.service.RecoveryReport;
import dev.amends.survey.text.DashboardMessages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the dashboard shows, as text ready for its template: figures with their denominators and
 * the link to the incidents behind each, the weekly charts with their tables, the groups, the
 * latest disruptions.
 */
final class DashboardView {

    /** A figure, what it is out of, and the page of incidents behind it (a median's: the incidents it is the middle of). */
    record Figure(String label, String value, String detail, String href) {
    }

    record Chart(String id, String title, String label, String svg, List<ChartRow> rows) {
    }

    record ChartRow(String week, String value, long incidents, String incidentsHref, String href) {
    }

    record GroupRow(String key, List<Figure> cells) {
    }

    /** A disruption, when it started, and the page of the incidents linked to it since then. */
    record DisruptionRow(String id, String started, String href, long affected, long complainedFirst, String silentShare) {
    }

    /** The rates of the per-group table, in its column order. */
    private static final List<String> GROUP_COLUMNS = List.of("responseRate", "resolvedSatisfactorilyRate",
            "recoveryParadoxRate", "perceptionGap", "promiseKeptRate");

    private final DashboardMessages text;
    private final DashboardFormat format;
    private final LocalDate from;
    private final LocalDate to;

    DashboardView(DashboardMessages text, DashboardFormat format, LocalDate from, LocalDate to) {
        this.text = text;
        this.format = format;
        this.from = from;
        this.to = to;
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    List<Figure> headline(RecoveryReport.Counted all) {
        RecoveryReport.Group g = all == null ? null : all.figures();
        RecoveryFigures.GroupCounts c = all == null ? null : all.counts();
        List<Figure> figures = new ArrayList<>();
        figures.add(count("incidents", g == null ? 0 : g.incidents(), text.reportedInWindow(), null, null));
        figures.add(rate("responseRate", g == null ? null : g.responseRate(),
                text.ofInvited(c == null ? 0 : c.incidents().invited())));
        long answers = c == null ? 0 : c.answers().answers();
        figures.add(rate("resolvedSatisfactorilyRate", g == null ? null : g.resolvedSatisfactorilyRate(),
                text.ofAnswers(answers)));
        figures.add(rate("recoveryParadoxRate", g == null ? null : g.recoveryParadoxRate(),
                text.ofCompared(c == null ? 0 : c.answers().compared())));
        figures.add(rate("perceptionGap", g == null ? null : g.perceptionGap(), text.ofAnswers(answers)));
        figures.add(rate("optimisticGap", g == null ? null : g.optimisticGap(), text.ofAnswers(answers)));
        figures.add(rate("pessimisticGap", g == null ? null : g.pessimisticGap(), text.ofAnswers(answers)));
        figures.add(rate("promiseKeptRate", g == null ? null : g.promiseKeptRate(),
                text.ofEnded(c == null ? 0 : c.promises().kept() + c.promises().broken())));
        figures.add(rate("csatWhenPromisesKept", g == null ? null : g.csatWhenPromisesKept(),
                text.ofRatings(c == null ? 0 : c.answers().ratedWithPromisesKept())));
        figures.add(rate("csatWhenPromiseBroken", g == null ? null : g.csatWhenPromiseBroken(),
                text.ofRatings(c == null ? 0 : c.answers().ratedWithAPromiseBroken())));
        figures.add(median(g == null ? null : g.medianTimeToAcknowledge(),
                text.overAcknowledged(c == null ? 0 : c.incidents().acknowledged()), null, null));
        return figures;
    }

    List<Chart> charts(RecoveryReport.Series series) {
        List<RecoveryReport.Point> points = series.points();
        double slowest = points.stream().map(DashboardView::all).filter(g -> g != null && g.medianTimeToAcknowledge() != null)
                .mapToDouble(g -> hours(g.medianTimeToAcknowledge())).max().orElse(1);
        return List.of(
                rateChart("resolvedSatisfactorilyRate", points, RecoveryReport.Group::resolvedSatisfactorilyRate),
                rateChart("recoveryParadoxRate", points, RecoveryReport.Group::recoveryParadoxRate),
                chart("medianTimeToAcknowledge", points, g -> g.medianTimeToAcknowledge() == null ? null
                        : hours(g.medianTimeToAcknowledge()), slowest, hours -> format.number(hours) + " h",
                        g -> format.duration(g.medianTimeToAcknowledge()), "acknowledged"));
    }

    List<GroupRow> groups(List<RecoveryReport.Group> groups, GroupBy groupBy) {
        return groups.stream().map(group -> {
            List<Figure> cells = new ArrayList<>();
            cells.add(count("incidents", group.incidents(), null, groupBy, group.key()));
            for (String column : GROUP_COLUMNS) {
                Double value = value(group, column);
                cells.add(new Figure(label(column), format.percent(value), null,
                        value == null ? null : behind(column, from, to, groupBy, group.key())));
            }
            cells.add(median(group.medianTimeToAcknowledge(), null, groupBy, group.key()));
            return new GroupRow(group.key(), cells);
        }).toList();
    }

    List<String> groupColumns() {
        List<String> columns = new ArrayList<>(List.of(text.incidents()));
        GROUP_COLUMNS.forEach(column -> columns.add(label(column)));
        columns.add(text.medianTimeToAcknowledge());
        return columns;
    }

    List<DisruptionRow> disruptions(List<DisruptionReport.Dated> reports, LocalDate today) {
        return reports.stream().map(dated -> {
            DisruptionReport.Report report = dated.report();
            String id = report.disruptionId().toString();
            LocalDate started = LocalDate.ofInstant(dated.startedAt(), ZoneOffset.UTC);
            return new DisruptionRow(id, format.day(dated.startedAt()),
                    behind("incidents", started, today.plusDays(1), GroupBy.DISRUPTION, id), report.affected(),
                    report.complainedFirst(), format.percent(report.silentShare()));
        }).toList();
    }

    /** The dashboard's page of the incidents behind a figure of the window (of one group when groupBy is set). */
    static String behind(String figure, LocalDate from, LocalDate to, GroupBy groupBy, String key) {
        StringBuilder href = new StringBuilder("/dashboard/incidents?figure=").append(figure)
                .append("&from=").append(from).append("&to=").append(to);
        if (groupBy != null) {
            href.append("&groupBy=").append(groupBy.parameter()).append("&key=")
                    .append(URLEncoder.encode(key, StandardCharsets.UTF_8));
        }
        return href.toString();
    }

    String label(String figure) {
        return switch (figure) {
            case "responseRate" -> text.responseRate();
            case "resolvedSatisfactorilyRate" -> text.resolvedSatisfactorilyRate();
            case "recoveryParadoxRate" -> text.recoveryParadoxRate();
            case "perceptionGap" -> text.perceptionGap();
            case "optimisticGap" -> text.optimisticGap();
            case "pessimisticGap" -> text.pessimisticGap();
            case "promiseKeptRate" -> text.promiseKeptRate();
            case "csatWhenPromisesKept" -> text.csatWhenPromisesKept();
            case "csatWhenPromiseBroken" -> text.csatWhenPromiseBroken();
            case "medianTimeToAcknowledge" -> text.medianTimeToAcknowledge();
            case "incidents" -> text.incidents();
            case "acknowledged" -> text.acknowledgedIncidents();
            default -> figure;
        };
    }

    private Figure rate(String figure, Double value, String detail) {
        return new Figure(label(figure), format.percent(value), detail,
                value == null ? null : behind(figure, from, to, null, null));
    }

    private Figure count(String figure, long value, String detail, GroupBy groupBy, String key) {
        return new Figure(label(figure), String.valueOf(value), detail,
                value == 0 ? null : behind(figure, from, to, groupBy, key));
    }

    /** The median time to acknowledge, linking to the acknowledged incidents it is the middle of. */
    private Figure median(String iso, String detail, GroupBy groupBy, String key) {
        return new Figure(text.medianTimeToAcknowledge(), format.duration(iso), detail,
                iso == null ? null : behind("acknowledged", from, to, groupBy, key));
    }

    private Chart rateChart(String figure, List<RecoveryReport.Point> points,
                            Function<RecoveryReport.Group, Double> value) {
        return chart(figure, points, value, 1, format::percent, g -> format.percent(value.apply(g)), figure);
    }

    private Chart chart(String figure, List<RecoveryReport.Point> points, Function<RecoveryReport.Group, Double> value,
                        double top, java.util.function.DoubleFunction<String> tick,
                        Function<RecoveryReport.Group, String> shown, String listedFigure) {
        List<SvgLineChart.Point> drawn = new ArrayList<>();
        List<ChartRow> rows = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            RecoveryReport.Point point = points.get(i);
            RecoveryReport.Group group = all(point);
            String week = format.day(point.start());
            drawn.add(new SvgLineChart.Point(week, group == null ? null : value.apply(group)));
            LocalDate weekStart = LocalDate.ofInstant(point.start(), ZoneOffset.UTC);
            LocalDate first = weekStart.isBefore(from) ? from : weekStart;
            LocalDate end = weekStart.plusWeeks(1).isAfter(to) ? to : weekStart.plusWeeks(1);
            long incidents = group == null ? 0 : group.incidents();
            rows.add(new ChartRow(week, group == null ? format.percent(null) : shown.apply(group), incidents,
                    incidents == 0 ? null : behind("incidents", first, end, null, null),
                    group != null && value.apply(group) != null ? behind(listedFigure, first, end, null, null) : null));
        }
        String id = "chart-" + figure;
        return new Chart(id, text.weekByWeek(label(figure)), label(figure), SvgLineChart.draw(drawn, top, tick, id), rows);
    }

    private static RecoveryReport.Group all(RecoveryReport.Point point) {
        return point.groups().isEmpty() ? null : point.groups().get(0);
    }

    private static double hours(String iso) {
        return Duration.parse(iso).toSeconds() / 3600.0;
    }

    private static Double value(RecoveryReport.Group group, String figure) {
        return switch (figure) {
            case "responseRate" -> group.responseRate();
            case "resolvedSatisfactorilyRate" -> group.resolvedSatisfactorilyRate();
            case "recoveryParadoxRate" -> group.recoveryParadoxRate();
            case "perceptionGap" -> group.perceptionGap();
            case "promiseKeptRate" -> group.promiseKeptRate();
            default -> throw new IllegalArgumentException(figure);
        };
    }
}
