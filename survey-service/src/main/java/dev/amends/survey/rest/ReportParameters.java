package dev.amends.survey.rest;

import dev.amends.common.http.Paging;
import dev.amends.common.http.QueryParams;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import dev.amends.survey.repository.RecoveryFigures.GroupBy;
import dev.amends.survey.repository.RecoveryFigures.Interval;
import dev.amends.survey.repository.RecoveryFigures.Rate;
import dev.amends.survey.service.SeriesPoints;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The window and grouping every report takes (from and to required, to after from and at most ten
 * years later, groupBy one of section 6's), and what the series and "behind a figure" add. Every
 * bad parameter is named in one 400 problem.
 */
record ReportParameters(Instant from, Instant to, GroupBy groupBy) {

    private static final int MAX_YEARS = 10;

    static ReportParameters read(String from, String to, String groupBy) {
        List<Violation> violations = new ArrayList<>();
        ReportParameters parameters = read(from, to, groupBy, violations);
        check(violations);
        return parameters;
    }

    record SeriesParameters(ReportParameters window, Interval interval) {
    }

    static SeriesParameters series(String from, String to, String interval, String groupBy) {
        List<Violation> violations = new ArrayList<>();
        ReportParameters window = read(from, to, groupBy, violations);
        Interval points = requiredNamed("interval", interval, Interval.values(), Interval::parameter, violations);
        if (points != null && window.from() != null && window.to() != null && window.from().isBefore(window.to())
                && SeriesPoints.count(window.from(), window.to(), points) > SeriesPoints.MAX) {
            violations.add(new Violation("interval", "gives more than " + SeriesPoints.MAX
                    + " points over this window: choose a longer interval or a shorter window"));
        }
        check(violations);
        return new SeriesParameters(window, points);
    }

    record BehindParameters(ReportParameters window, String key, Rate figure, Paging paging) {
    }

    static BehindParameters behind(String from, String to, String groupBy, String key, String figure, String page,
                                   String size) {
        List<Violation> violations = new ArrayList<>();
        ReportParameters window = read(from, to, groupBy, violations);
        Rate rate = requiredNamed("figure", figure, Rate.values(), Rate::parameter, violations);
        if (window.groupBy() != null && (key == null || key.isEmpty())) {
            violations.add(new Violation("key", "is required with groupBy: the group whose incidents to list"));
        }
        if (window.groupBy() == null && key != null && !key.isEmpty() && !key.equals("all")) {
            violations.add(new Violation("key", "must be all (or absent) without groupBy"));
        }
        Paging paging = Paging.of(page, size, violations);
        check(violations);
        return new BehindParameters(window, key, rate, paging);
    }

    private static ReportParameters read(String from, String to, String groupBy, List<Violation> violations) {
        Instant start = required("from", from, violations);
        Instant end = required("to", to, violations);
        GroupBy grouping = groupBy == null || groupBy.isEmpty() ? null
                : named("groupBy", groupBy, GroupBy.values(), GroupBy::parameter, violations);
        if (start != null && end != null && !start.isBefore(end)) {
            violations.add(new Violation("to", "must be after from"));
        } else if (start != null && end != null
                && end.isAfter(start.atOffset(ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant())) {
            violations.add(new Violation("to", "must be at most " + MAX_YEARS + " years after from"));
        }
        return new ReportParameters(start, end, grouping);
    }

    private static <T> T requiredNamed(String parameter, String value, T[] values, Function<T, String> name,
                                       List<Violation> violations) {
        if (value == null || value.isEmpty()) {
            violations.add(new Violation(parameter, "is required"));
            return null;
        }
        return named(parameter, value, values, name, violations);
    }

    private static <T> T named(String parameter, String value, T[] values, Function<T, String> name,
                               List<Violation> violations) {
        for (T candidate : values) {
            if (name.apply(candidate).equals(value)) {
                return candidate;
            }
        }
        violations.add(new Violation(parameter, "must be one of " + Arrays.stream(values).map(name)
                .collect(Collectors.joining(", "))));
        return null;
    }

    private static Instant required(String name, String value, List<Violation> violations) {
        if (value == null || value.isEmpty()) {
            violations.add(new Violation(name, "is required"));
            return null;
        }
        return QueryParams.instant(name, value, violations);
    }

    private static void check(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }
}
