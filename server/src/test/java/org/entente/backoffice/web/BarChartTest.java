package org.entente.backoffice.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BarChartTest {

    private static final BarChart.Series WEB = new BarChart.Series("web", 0);
    private static final BarChart.Series STORE = new BarChart.Series("store", 2);

    @Test
    void theScaleEndsOnARoundNumberAtLeastTheLargestBar() {
        assertThat(BarChart.scaleTop(0)).isEqualTo(1);
        assertThat(BarChart.scaleTop(1)).isEqualTo(1);
        assertThat(BarChart.scaleTop(7)).isEqualTo(8);
        assertThat(BarChart.scaleTop(37)).isEqualTo(40);
        assertThat(BarChart.scaleTop(1_234)).isEqualTo(1_500);
        assertThat(BarChart.scaleTop(1_000_000)).isEqualTo(1_000_000);
        assertThat(BarChart.step(37)).isEqualTo(10);
        assertThat(BarChart.step(1_234)).isEqualTo(500);
    }

    @Test
    void columnsStackTheirSeriesFromTheBottomAndTheTallestReachesItsShareOfTheScale() {
        BarChart chart = BarChart.columns(List.of("Dec 1", "Dec 2"), List.of(WEB, STORE),
                List.of(new long[]{30, 10}, new long[]{0, 5}));

        assertThat(chart.columns()).isTrue();
        assertThat(chart.legend()).isTrue();
        assertThat(chart.viewBox()).isEqualTo("0 0 600 240");
        BarChart.Bar first = chart.bars().getFirst();
        assertThat(first.total()).isEqualTo(40);
        assertThat(first.values()).containsExactly(30L, 10L);
        BarChart.Segment web = first.segments().get(0);
        BarChart.Segment store = first.segments().get(1);
        assertThat(web.colour()).isZero();
        assertThat(store.colour()).isEqualTo(2);
        // 40 is the top of the scale: the bar fills the plot, web at the bottom, store on top of it.
        double bottom = chart.ticks().getFirst().position();
        double top = chart.ticks().getLast().position();
        assertThat(chart.ticks().getLast().value()).isEqualTo(40);
        assertThat(web.y() + web.height()).isCloseTo(bottom, within(0.01));
        assertThat(store.y() + store.height()).isCloseTo(web.y(), within(0.01));
        assertThat(store.y()).isCloseTo(top, within(0.01));
        assertThat(web.height()).isCloseTo(3 * store.height(), within(0.05));
        // An empty series draws nothing; the table still has its zero.
        BarChart.Bar second = chart.bars().get(1);
        assertThat(second.segments()).extracting(BarChart.Segment::series).containsExactly("store");
        assertThat(second.values()).containsExactly(0L, 5L);
        assertThat(second.segments().getFirst().x()).isGreaterThan(web.x() + web.width());
    }

    @Test
    void columnsFitTheWidthAndOnlyAFewCarryTheirLabel() {
        List<String> days = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "d" + i).toList();
        BarChart chart = BarChart.columns(days, List.of(WEB),
                days.stream().map(day -> new long[]{1}).toList());

        BarChart.Segment last = chart.bars().getLast().segments().getFirst();
        assertThat(last.x() + last.width()).isLessThanOrEqualTo(chart.plotRight());
        assertThat(chart.bars().getFirst().segments().getFirst().x()).isGreaterThanOrEqualTo(chart.plotLeft());
        assertThat(chart.bars().stream().filter(BarChart.Bar::labelled).count()).isBetween(4L, 8L);
        assertThat(chart.bars().getLast().labelled()).as("today is labelled").isTrue();
        assertThat(chart.legend()).isFalse();
    }

    @Test
    void rowsOfOneMeasureGetAColourEachAndTheLongestSpansTheWidth() {
        BarChart chart = BarChart.rows(List.of("No tier", "Member", "Insider"), "Members", List.of(100L, 50L, 0L));

        assertThat(chart.columns()).isFalse();
        assertThat(chart.legend()).isFalse();
        assertThat(chart.series()).extracting(BarChart.Series::label).containsExactly("Members");
        assertThat(chart.bars()).extracting(bar -> bar.segments().size()).containsExactly(1, 1, 0);
        BarChart.Segment none = chart.bars().get(0).segments().getFirst();
        BarChart.Segment member = chart.bars().get(1).segments().getFirst();
        assertThat(none.colour()).isNotEqualTo(member.colour());
        assertThat(none.x() + none.width()).isCloseTo(chart.plotRight(), within(0.01));
        assertThat(member.width()).isCloseTo(none.width() / 2, within(0.01));
        assertThat(member.y()).isGreaterThan(none.y() + none.height());
        assertThat(chart.bars().get(1).totalX()).isGreaterThan(member.x() + member.width());
        assertThat(chart.height()).isGreaterThanOrEqualTo((int) (chart.bars().getLast().labelY() + 30));
    }

    @Test
    void stackedRowsPutTheirSeriesSideBySide() {
        BarChart chart = BarChart.rows(List.of("no consent"), List.of(WEB, STORE), List.<long[]>of(new long[]{3, 1}));
        List<BarChart.Segment> segments = chart.bars().getFirst().segments();
        assertThat(segments.get(1).x()).isCloseTo(segments.get(0).x() + segments.get(0).width(), within(0.01));
        assertThat(segments.get(0).width()).isCloseTo(3 * segments.get(1).width(), within(0.05));
        assertThat(chart.legend()).isTrue();
    }

    @Test
    void nothingToShowIsSaidAndBadInputRefused() {
        assertThat(BarChart.rows(List.of(), "Persons", List.of()).empty()).isTrue();
        assertThat(BarChart.rows(List.of("a"), "Persons", List.of(0L)).empty()).isTrue();
        assertThatThrownBy(() -> BarChart.rows(List.of("a"), "Persons", List.of(-1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BarChart.columns(List.of("a"), List.of(WEB), List.of(new long[]{1, 2})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BarChart.Series("x", BarChart.COLOURS)).isInstanceOf(IllegalArgumentException.class);
    }
}
