package dev.amends.testing;

import java.util.Arrays;

/** Reads one sample out of a /q/metrics answer (Prometheus text format), for tests. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The value of {@code metric} on the line that carries every label given as {@code name="value"};
     * 0 when there is no such line yet (a counter not incremented so far).
     */
    public static double value(String text, String metric, String... labels) {
        return text.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    /** Whether any line of {@code metric} is there. */
    public static boolean has(String text, String metric) {
        return text.lines().anyMatch(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "));
    }
}
