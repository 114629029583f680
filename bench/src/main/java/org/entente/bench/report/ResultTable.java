package org.entente.bench.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints measurements for a terminal. Consecutive measurements with the same figures share a fixed-width table, one
 * row per target, so that they read side by side; a measurement of its own is printed as a list, one figure per
 * line, which stays readable however many figures it has.
 */
final class ResultTable {

    private static final int NAME_WIDTH = 32;
    private static final int MIN_COLUMN_WIDTH = 8;

    private ResultTable() {
    }

    static void print(PrintWriter out, List<Measurement> measurements) {
        var group = new ArrayList<Measurement>();
        for (var measurement : measurements) {
            if (!group.isEmpty() && !labels(group.getFirst()).equals(labels(measurement))) {
                printGroup(out, group);
                group.clear();
            }
            group.add(measurement);
        }
        if (!group.isEmpty()) {
            printGroup(out, group);
        }
    }

    private static void printGroup(PrintWriter out, List<Measurement> group) {
        if (group.size() == 1) {
            printList(out, group.getFirst());
        } else {
            printTable(out, group);
        }
    }

    private static void printTable(PrintWriter out, List<Measurement> rows) {
        var labels = labels(rows.getFirst());
        int nameWidth = Math.max(NAME_WIDTH, rows.stream().mapToInt(row -> row.name().length()).max().orElse(0));
        var widths = new ArrayList<Integer>();
        for (int column = 0; column < labels.size(); column++) {
            int width = Math.max(MIN_COLUMN_WIDTH, labels.get(column).length());
            for (var row : rows) {
                width = Math.max(width, shown(row).get(column).formatted().length());
            }
            widths.add(width);
        }
        var header = new StringBuilder(pad("target", -nameWidth));
        for (int column = 0; column < labels.size(); column++) {
            header.append(' ').append(pad(labels.get(column), widths.get(column)));
        }
        out.println(header);
        for (var row : rows) {
            var line = new StringBuilder(pad(row.name(), -nameWidth));
            var metrics = shown(row);
            for (int column = 0; column < metrics.size(); column++) {
                line.append(' ').append(pad(metrics.get(column).formatted(), widths.get(column)));
            }
            out.println(line);
        }
    }

    private static void printList(PrintWriter out, Measurement measurement) {
        out.println(measurement.name());
        var metrics = shown(measurement);
        int labelWidth = metrics.stream().mapToInt(metric -> metric.label().length()).max().orElse(0);
        int valueWidth = metrics.stream().mapToInt(metric -> metric.formatted().length()).max().orElse(0);
        for (var metric : metrics) {
            out.println("  " + pad(metric.label(), -labelWidth) + "  " + pad(metric.formatted(), valueWidth));
        }
    }

    private static List<Metric> shown(Measurement measurement) {
        return measurement.metrics().stream().filter(Metric::inTable).toList();
    }

    private static List<String> labels(Measurement measurement) {
        return shown(measurement).stream().map(Metric::label).toList();
    }

    /** Right-aligns {@code text} in {@code width} characters, or left-aligns it for a negative width. */
    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%" + width + "s", text);
    }
}
