package dev.amends.survey.service;

import dev.amends.survey.repository.RecoveryFigures.Interval;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** The starts of a series' points (contract section 11): UTC days, weeks from Monday, calendar months. */
public final class SeriesPoints {

    /** At most this many points in one series. */
    public static final int MAX = 400;

    private SeriesPoints() {
    }

    /** The point {@code from} falls in and every one after it that starts before {@code to}. */
    public static List<Instant> starts(Instant from, Instant to, Interval interval) {
        List<Instant> starts = new ArrayList<>();
        for (LocalDate day = first(from, interval); day.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(to);
             day = next(day, interval)) {
            starts.add(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        return starts;
    }

    /** How many points the window has, without listing them (a ten-year window by day would be 3,653). */
    public static long count(Instant from, Instant to, Interval interval) {
        LocalDate first = first(from, interval);
        LocalDate last = first(to.minusNanos(1), interval);
        return switch (interval) {
            case DAY -> ChronoUnit.DAYS.between(first, last) + 1;
            case WEEK -> ChronoUnit.WEEKS.between(first, last) + 1;
            case MONTH -> ChronoUnit.MONTHS.between(first, last) + 1;
        };
    }

    private static LocalDate first(Instant instant, Interval interval) {
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        return switch (interval) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    private static LocalDate next(LocalDate start, Interval interval) {
        return switch (interval) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }
}
