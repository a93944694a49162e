package dev.amends.survey.report;

import dev.amends.survey.repository.RecoveryFigures.Interval;
import dev.amends.survey.service.SeriesPoints;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a series' points start (contract section 11), without a database. */
class SeriesPointsTest {

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void weeksStartOnMondayEvenBeforeTheWindow() {
        // 2024-12-31 is a Tuesday; the ISO week of 2025-01-01 starts on Monday 2024-12-30.
        assertThat(SeriesPoints.starts(at("2024-12-31T12:00:00Z"), at("2025-01-14T00:00:00Z"), Interval.WEEK))
                .containsExactly(at("2024-12-30T00:00:00Z"), at("2025-01-06T00:00:00Z"), at("2025-01-13T00:00:00Z"));
    }

    @Test
    void monthsAreCalendarMonthsAndDaysAreUtcDays() {
        assertThat(SeriesPoints.starts(at("2024-01-31T23:00:00Z"), at("2024-03-01T00:00:00Z"), Interval.MONTH))
                .containsExactly(at("2024-01-01T00:00:00Z"), at("2024-02-01T00:00:00Z"));
        assertThat(SeriesPoints.starts(at("2024-02-28T22:00:00Z"), at("2024-03-01T00:00:01Z"), Interval.DAY))
                .containsExactly(at("2024-02-28T00:00:00Z"), at("2024-02-29T00:00:00Z"), at("2024-03-01T00:00:00Z"));
    }

    @Test
    void countsThePointsWithoutListingThem() {
        for (Interval interval : Interval.values()) {
            for (List<String> window : List.of(List.of("2024-01-01T00:00:00Z", "2024-12-31T00:00:00Z"),
                    List.of("2023-05-17T08:00:00Z", "2023-05-17T09:00:00Z"),
                    List.of("2020-02-29T00:00:00Z", "2021-03-01T00:00:00.001Z"))) {
                Instant from = at(window.get(0));
                Instant to = at(window.get(1));
                assertThat(SeriesPoints.count(from, to, interval)).as(interval + " " + window)
                        .isEqualTo(SeriesPoints.starts(from, to, interval).size());
            }
        }
        assertThat(SeriesPoints.count(at("2024-01-01T00:00:00Z"), at("2025-01-01T00:00:00Z"), Interval.DAY))
                .isEqualTo(366);
    }
}
