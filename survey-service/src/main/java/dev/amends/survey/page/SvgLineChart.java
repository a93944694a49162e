package dev.amends.survey.page;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A line chart drawn on the server as SVG, so the dashboard needs no JavaScript: one point per
 * value (a missing value breaks the line), a labelled y axis from 0 to {@code top}, the first and
 * last x labels. The table after it carries the same values for people who cannot see it.
 */
final class SvgLineChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;

    record Point(String label, Double value) {
    }

    private SvgLineChart() {
    }

    /** The chart's markup; {@code titleId} names the element that describes it (the heading before it). */
    static String draw(List<Point> points, double top, DoubleFunction<String> tick, String titleId) {
        double max = top > 0 ? top : 1;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"100%\" role=\"img\" aria-labelledby=\"").append(titleId)
                .append("\" preserveAspectRatio=\"xMidYMid meet\" class=\"chart\">");
        for (int i = 0; i <= 4; i++) {
            double value = max * i / 4;
            double y = y(value, max);
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#d0d0d0"));
            svg.append(text(LEFT - 6, y + 4, "end", tick.apply(value)));
        }
        StringBuilder path = new StringBuilder();
        boolean drawing = false;
        for (int i = 0; i < points.size(); i++) {
            Double value = points.get(i).value();
            if (value == null) {
                drawing = false;
                continue;
            }
            path.append(drawing ? " L" : " M").append(format(x(i, points.size()))).append(' ')
                    .append(format(y(value, max)));
            drawing = true;
            svg.append("<circle cx=\"").append(format(x(i, points.size()))).append("\" cy=\"")
                    .append(format(y(value, max))).append("\" r=\"4\" fill=\"#005fcc\"/>");
        }
        if (!path.isEmpty()) {
            svg.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"#005fcc\" stroke-width=\"2\"/>");
        }
        if (!points.isEmpty()) {
            svg.append(text(LEFT, HEIGHT - 8, "start", points.get(0).label()));
            svg.append(text(WIDTH - RIGHT, HEIGHT - 8, "end", points.get(points.size() - 1).label()));
        }
        return svg.append("</svg>").toString();
    }

    private static double x(int index, int count) {
        double span = WIDTH - LEFT - RIGHT;
        return count <= 1 ? LEFT + span / 2 : LEFT + span * index / (count - 1);
    }

    private static double y(double value, double max) {
        double span = HEIGHT - TOP - BOTTOM;
        return TOP + span * (1 - Math.min(value, max) / max);
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + format(x1) + "\" y1=\"" + format(y1) + "\" x2=\"" + format(x2) + "\" y2=\"" + format(y2)
                + "\" stroke=\"" + colour + "\"/>";
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text x=\"" + format(x) + "\" y=\"" + format(y) + "\" text-anchor=\"" + anchor
                + "\" font-size=\"13\" fill=\"#1a1a1a\">" + escape(content) + "</text>";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
