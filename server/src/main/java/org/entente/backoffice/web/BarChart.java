package org.entente.backoffice.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a bar chart drawn as SVG on the server: where each bar, each stacked segment and each grid line
 * goes, in the units of the chart's {@code viewBox} (the SVG scales to the width of its box, a phone's included).
 * Columns stand one per category along the bottom (days); rows lie one per category, their label above the bar (long
 * labels fit on a phone). Values are counts; the scale starts at 0 and ends on a round number.
 */
public final class BarChart {

    /** How many colours the style sheet defines ({@code .s0} to {@code .s9}). */
    static final int COLOURS = 10;

    static final int COLUMNS_WIDTH = 600;
    static final int COLUMNS_HEIGHT = 240;
    static final int ROWS_WIDTH = 400;
    static final int ROW_HEIGHT = 40;
    private static final int AXIS_ROOM = 44;
    private static final int LABEL_ROOM = 22;
    private static final int MARGIN = 8;
    private static final int VALUE_ROOM = 56;
    private static final int MAX_COLUMN_LABELS = 8;

    /** A series of values (a channel, a verdict), drawn in colour {@code .s<colour>}. */
    public record Series(String label, int colour) {
        public Series {
            if (colour < 0 || colour >= COLOURS) {
                throw new IllegalArgumentException("no colour " + colour);
            }
        }
    }

    /** A piece of a bar: one series' value, as a rectangle. */
    public record Segment(String series, long value, int colour, double x, double y, double width, double height) {
    }

    /**
     * One category's bar: its segments bottom up (columns) or left to right (rows), without the empty ones.
     *
     * @param values   the value of each series, in the order of {@link #series()}, zeros included
     * @param labelled whether the category's label is drawn (columns: one in a few, the last included, so that they
     *                 do not overlap)
     * @param labelX   where its label is drawn (columns: its middle; rows: its left end)
     * @param totalX   rows: where the total is written, after the bar
     */
    public record Bar(String label, List<Long> values, long total, List<Segment> segments, boolean labelled,
                      double labelX, double labelY, double totalX, double totalY) {
    }

    /** A value of the scale and where its grid line lies (columns: its y). */
    public record Tick(long value, double position) {
    }

    private final boolean columns;
    private final int width;
    private final int height;
    private final List<Series> series;
    private final List<Bar> bars;
    private final List<Tick> ticks;
    private final double plotLeft;
    private final double plotRight;

    private BarChart(boolean columns, int width, int height, List<Series> series, List<Bar> bars, List<Tick> ticks,
                     double plotLeft, double plotRight) {
        this.columns = columns;
        this.width = width;
        this.height = height;
        this.series = List.copyOf(series);
        this.bars = List.copyOf(bars);
        this.ticks = List.copyOf(ticks);
        this.plotLeft = plotLeft;
        this.plotRight = plotRight;
    }

    /**
     * Stacked columns, one per category, left to right.
     *
     * @param values for each category, the value of each series (non-negative)
     */
    static BarChart columns(List<String> categories, List<Series> series, List<long[]> values) {
        check(categories, series, values);
        long top = scaleTop(max(values));
        double plotLeft = AXIS_ROOM;
        // Room on the right for the last day's label, centred under its column.
        double plotRight = COLUMNS_WIDTH - 3 * MARGIN;
        double plotTop = MARGIN;
        double plotBottom = COLUMNS_HEIGHT - LABEL_ROOM;
        double plotHeight = plotBottom - plotTop;
        double slot = categories.isEmpty() ? 0 : (plotRight - plotLeft) / categories.size();
        int labelEvery = Math.max(1, (categories.size() + MAX_COLUMN_LABELS - 1) / MAX_COLUMN_LABELS);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            double x = plotLeft + i * slot + slot * 0.15;
            double barWidth = slot * 0.7;
            double y = plotBottom;
            List<Segment> segments = new ArrayList<>();
            long[] row = values.get(i);
            for (int s = 0; s < series.size(); s++) {
                if (row[s] == 0) {
                    continue;
                }
                double h = row[s] * plotHeight / top;
                y -= h;
                segments.add(new Segment(series.get(s).label(), row[s], series.get(s).colour(), round(x), round(y),
                        round(barWidth), round(h)));
            }
            bars.add(new Bar(categories.get(i), boxed(row), sum(row), segments,
                    (categories.size() - 1 - i) % labelEvery == 0,
                    round(plotLeft + i * slot + slot / 2), COLUMNS_HEIGHT - 6, 0, 0));
        }
        List<Tick> ticks = new ArrayList<>();
        long step = step(top);
        for (long value = 0; value <= top; value += step) {
            ticks.add(new Tick(value, round(plotBottom - value * plotHeight / top)));
        }
        return new BarChart(true, COLUMNS_WIDTH, COLUMNS_HEIGHT, series, bars, ticks, plotLeft, plotRight);
    }

    /**
     * Stacked rows, one per category, top to bottom, each with its label above it and its total after it.
     *
     * @param values for each category, the value of each series (non-negative)
     */
    static BarChart rows(List<String> categories, List<Series> series, List<long[]> values) {
        check(categories, series, values);
        return rows(categories, series, values, false);
    }

    /** Rows of one measure, each bar in its own colour (the categories are labelled: no legend is needed). */
    static BarChart rows(List<String> categories, String measure, List<Long> values) {
        List<long[]> single = values.stream().map(value -> new long[]{value}).toList();
        List<Series> one = List.of(new Series(measure, 0));
        check(categories, one, single);
        return rows(categories, one, single, true);
    }

    private static BarChart rows(List<String> categories, List<Series> series, List<long[]> values,
                                 boolean colourPerBar) {
        long top = scaleTop(max(values));
        double plotLeft = MARGIN;
        double plotRight = ROWS_WIDTH - VALUE_ROOM;
        double length = plotRight - plotLeft;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            double rowTop = MARGIN / 2.0 + i * ROW_HEIGHT;
            double x = plotLeft;
            List<Segment> segments = new ArrayList<>();
            long[] row = values.get(i);
            for (int s = 0; s < series.size(); s++) {
                if (row[s] == 0) {
                    continue;
                }
                double w = row[s] * length / top;
                int colour = colourPerBar ? i % COLOURS : series.get(s).colour();
                segments.add(new Segment(series.get(s).label(), row[s], colour, round(x), rowTop + 20, round(w), 14));
                x += w;
            }
            bars.add(new Bar(categories.get(i), boxed(row), sum(row), segments, true, plotLeft, rowTop + 14,
                    round(x + 6), rowTop + 32));
        }
        return new BarChart(false, ROWS_WIDTH, Math.max(ROW_HEIGHT, categories.size() * ROW_HEIGHT + MARGIN),
                series, bars, List.of(), plotLeft, plotRight);
    }

    /** The end of a scale showing {@code max}: 1, 2 or 5 times a power of ten, at least {@code max} and 1. */
    static long scaleTop(long max) {
        long step = step(max);
        return Math.max(step, (max + step - 1) / step * step);
    }

    /** The step between grid lines for values up to {@code max}: 1, 2 or 5 times a power of ten, about a quarter. */
    static long step(long max) {
        long wanted = Math.max(1, (max + 3) / 4);
        long power = 1;
        while (true) {
            for (long unit : new long[]{1, 2, 5}) {
                if (unit * power >= wanted) {
                    return unit * power;
                }
            }
            power *= 10;
        }
    }

    public boolean columns() {
        return columns;
    }

    public String viewBox() {
        return "0 0 " + width + " " + height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public List<Series> series() {
        return series;
    }

    /** Whether the chart needs a legend: more than one series stacked in its bars. */
    public boolean legend() {
        return series.size() > 1;
    }

    public List<Bar> bars() {
        return bars;
    }

    public List<Tick> ticks() {
        return ticks;
    }

    public double plotLeft() {
        return plotLeft;
    }

    public double plotRight() {
        return plotRight;
    }

    /** Whether there is nothing to show. */
    public boolean empty() {
        return bars.stream().allMatch(bar -> bar.total() == 0);
    }

    private static void check(List<String> categories, List<Series> series, List<long[]> values) {
        if (categories.size() != values.size() || series.isEmpty()) {
            throw new IllegalArgumentException("one row of values per category, and at least one series");
        }
        for (long[] row : values) {
            if (row.length != series.size()) {
                throw new IllegalArgumentException("one value per series");
            }
            for (long value : row) {
                if (value < 0) {
                    throw new IllegalArgumentException("counts are not negative");
                }
            }
        }
    }

    private static long max(List<long[]> values) {
        return values.stream().mapToLong(BarChart::sum).max().orElse(0);
    }

    private static long sum(long[] row) {
        long total = 0;
        for (long value : row) {
            total += value;
        }
        return total;
    }

    private static List<Long> boxed(long[] row) {
        List<Long> boxed = new ArrayList<>(row.length);
        for (long value : row) {
            boxed.add(value);
        }
        return boxed;
    }

    /** Two decimals are finer than any screen: shorter markup. */
    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
