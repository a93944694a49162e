package dev.amends.survey.page;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the dashboard writes figures in the reader's language: percentages, durations, UTC dates. */
public final class DashboardFormat {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Locale locale;
    private final String noData;

    DashboardFormat(String lang, String noData) {
        this.locale = Locale.forLanguageTag(lang);
        this.noData = noData;
    }

    public String percent(Double rate) {
        if (rate == null) {
            return noData;
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(1);
        return format.format(rate);
    }

    public String number(double value) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(1);
        return format.format(value);
    }

    /** An ISO 8601 duration as days, hours and minutes ("1 d 3 h", "2 h 5 min", "40 s"). */
    public String duration(String iso) {
        return iso == null ? noData : duration(Duration.parse(iso));
    }

    public String duration(Duration duration) {
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        long minutes = duration.toMinutesPart();
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        if (minutes > 0) {
            return minutes + " min";
        }
        return duration.toSecondsPart() + " s";
    }

    public String day(Instant instant) {
        return instant == null ? noData : DAY.format(instant);
    }

    public String minute(Instant instant) {
        return instant == null ? noData : MINUTE.format(instant);
    }
}
