package dev.amends.survey.rest;

import dev.amends.common.http.QueryParams;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import dev.amends.survey.repository.RecoveryFigures.GroupBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The window and grouping every report takes: from and to required, to after from, groupBy one of §6's. */
record ReportParameters(Instant from, Instant to, GroupBy groupBy) {

    static ReportParameters read(String from, String to, String groupBy) {
        List<Violation> violations = new ArrayList<>();
        Instant start = required("from", from, violations);
        Instant end = required("to", to, violations);
        GroupBy grouping = groupBy(groupBy, violations);
        if (start != null && end != null && !start.isBefore(end)) {
            violations.add(new Violation("to", "must be after from"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new ReportParameters(start, end, grouping);
    }

    private static GroupBy groupBy(String value, List<Violation> violations) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (GroupBy groupBy : GroupBy.values()) {
            if (groupBy.parameter().equals(value)) {
                return groupBy;
            }
        }
        violations.add(new Violation("groupBy", "must be one of " + Arrays.stream(GroupBy.values())
                .map(GroupBy::parameter).collect(Collectors.joining(", "))));
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
