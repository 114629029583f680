package org.entente.loyalty.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.entente.loyalty.Program;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Qualification over a rolling window, kept incrementally: counts, satisfaction, and until when a tier holds. */
class QualificationWindowTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Program.Qualification THREE_ORDERS = new Program.Qualification(3, null, 365, true, 30);

    private static QualificationWindow.Order order(String id, Instant at, String spend) {
        return new QualificationWindow.Order(id, at, new BigDecimal(spend), null);
    }

    @Test
    void onlySatisfiedOrdersWithinTheWindowCount() {
        QualificationWindow window = QualificationWindow.empty()
                .with(order("old", NOW.minus(Duration.ofDays(366)), "10"))
                .with(order("a", NOW.minus(Duration.ofDays(100)), "10"))
                .with(order("b", NOW.minus(Duration.ofDays(50)), "20"))
                .with(order("c", NOW.minus(Duration.ofDays(10)), "30"))
                .disputed("a", NOW.minus(Duration.ofDays(40)))
                .returned("b", new BigDecimal("5"), NOW.minus(Duration.ofDays(45)));
        // a was complained about 60 days after: it still counts; b was returned within 30 days: it does not.
        assertThat(window.standing(THREE_ORDERS, NOW).orders()).isEqualTo(2);
        assertThat(window.standing(THREE_ORDERS, NOW).spend()).isEqualByComparingTo("40");
        Program.Qualification any = new Program.Qualification(3, null, 365, false, 30);
        assertThat(window.standing(any, NOW).orders()).isEqualTo(3);
        // Spend is net of returns whatever the satisfaction.
        assertThat(window.standing(any, NOW).spend()).isEqualByComparingTo("55");
        assertThat(window.meets(any, NOW)).isTrue();
        assertThat(window.meets(THREE_ORDERS, NOW)).isFalse();
    }

    @Test
    void theSameOrderIsCountedOnce() {
        QualificationWindow window = QualificationWindow.empty().with(order("a", NOW, "10")).with(order("a", NOW, "10"));
        assertThat(window.orders()).hasSize(1);
    }

    @Test
    void metUntilIsWhenTheOrdersItRestsOnLeaveTheWindow() {
        QualificationWindow window = QualificationWindow.empty()
                .with(order("a", NOW.minus(Duration.ofDays(300)), "10"))
                .with(order("b", NOW.minus(Duration.ofDays(200)), "500"))
                .with(order("c", NOW.minus(Duration.ofDays(100)), "10"));
        assertThat(window.metUntil(THREE_ORDERS, NOW)).hasValue(NOW.plus(Duration.ofDays(65)));
        Program.Qualification spend = new Program.Qualification(null, new BigDecimal("500"), 365, true, 30);
        assertThat(window.metUntil(spend, NOW)).hasValue(NOW.plus(Duration.ofDays(165)));
        Program.Qualification either = new Program.Qualification(3, new BigDecimal("500"), 365, true, 30);
        assertThat(window.metUntil(either, NOW)).hasValue(NOW.plus(Duration.ofDays(165)));
        assertThat(window.metUntil(new Program.Qualification(4, null, 365, true, 30), NOW)).isEmpty();
    }

    @Provide
    Arbitrary<List<QualificationWindow.Order>> orders() {
        Arbitrary<QualificationWindow.Order> order = Combinators.combine(
                Arbitraries.integers().between(0, 500), Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(-1, 60)).as((daysAgo, spend, disputedAfter) -> {
                    Instant at = NOW.minus(Duration.ofDays(daysAgo)).minusSeconds(daysAgo * 37L);
                    return new QualificationWindow.Order("o" + daysAgo + "-" + spend, at, BigDecimal.valueOf(spend),
                            disputedAfter < 0 ? null : at.plus(Duration.ofDays(disputedAfter)));
                });
        return order.list().ofMaxSize(20).uniqueElements(QualificationWindow.Order::orderId);
    }

    @Provide
    Arbitrary<Program.Qualification> qualifications() {
        return Combinators.combine(Arbitraries.integers().between(1, 6).injectNull(0.3),
                        Arbitraries.integers().between(1, 900).map(BigDecimal::valueOf).injectNull(0.3),
                        Arbitraries.integers().between(1, 400), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 45))
                .as(Program.Qualification::new)
                .filter(q -> q.minOrders() != null || q.minSpend() != null);
    }

    @Property(tries = 1000)
    void aQualificationMetStaysMetExactlyUntilMetUntil(@ForAll("orders") List<QualificationWindow.Order> orders,
                                                        @ForAll("qualifications") Program.Qualification q) {
        // Only orders recorded up to now, disputes included: the future brings no order.
        List<QualificationWindow.Order> known = orders.stream()
                .map(o -> o.disputedAt() != null && o.disputedAt().isAfter(NOW)
                        ? new QualificationWindow.Order(o.orderId(), o.at(), o.spend(), null) : o)
                .toList();
        QualificationWindow window = new QualificationWindow(known, List.of());
        Optional<Instant> until = window.metUntil(q, NOW);
        assertThat(until.isPresent()).isEqualTo(window.meets(q, NOW));
        until.ifPresent(u -> {
            assertThat(u).isAfter(NOW);
            assertThat(window.meets(q, u.minusMillis(1))).isTrue();
            assertThat(window.meets(q, u)).isFalse();
        });
    }

    @Test
    void oneOrderNeverQualifiesHoweverLarge() {
        Program.Qualification spend = new Program.Qualification(null, new BigDecimal("600"), 365, true, 30);
        QualificationWindow one = QualificationWindow.empty().with(order("a", NOW.minus(Duration.ofDays(1)), "900"));
        assertThat(one.meets(spend, NOW)).isFalse();
        assertThat(one.metUntil(spend, NOW)).isEmpty();
        QualificationWindow two = one.with(order("b", NOW.minus(Duration.ofDays(200)), "1"));
        assertThat(two.meets(spend, NOW)).isTrue();
        // It rests on both orders: the older one leaving the window ends it.
        assertThat(two.metUntil(spend, NOW)).hasValue(NOW.plus(Duration.ofDays(165)));
    }

    @Test
    void whatWaitsForAnOrderIsKeptOnceAndLeavesWithIt() {
        QualificationWindow.Early early = new QualificationWindow.Early("a", "return:r1", NOW, BigDecimal.TEN, "EUR");
        QualificationWindow window = QualificationWindow.empty().waiting(early).waiting(early);
        assertThat(window.waitingFor("a")).containsExactly(early);
        assertThat(window.isWaiting("return:r1")).isTrue();
        assertThat(window.arrived("a").early()).isEmpty();
        assertThat(window.prunedBefore(NOW.plusSeconds(1)).early()).isEmpty();
    }

    @Test
    void theWindowKeepsTheLatestOrdersOnly() {
        List<QualificationWindow.Order> many = new ArrayList<>();
        for (int i = 0; i < QualificationWindow.MAX_ORDERS + 5; i++) {
            many.add(order("o" + i, NOW.minus(Duration.ofMinutes(i)), "1"));
        }
        QualificationWindow window = new QualificationWindow(many, List.of());
        assertThat(window.orders()).hasSize(QualificationWindow.MAX_ORDERS);
        assertThat(window.find("o0")).isPresent();
        assertThat(window.find("o" + (QualificationWindow.MAX_ORDERS + 4))).isEmpty();
    }
}
