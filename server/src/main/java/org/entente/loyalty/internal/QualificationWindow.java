package org.entente.loyalty.internal;

import org.entente.loyalty.Program;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The recent orders of one person, as qualification needs them: kept incrementally as orders, returns and
 * complaints come in, and pruned as they leave the longest window of the program. Measuring a tier reads this
 * compact list, never the person's history. Immutable.
 */
public record QualificationWindow(List<Order> orders) {

    /**
     * One order as qualification sees it.
     *
     * @param spend      what it counts as spend: its amount in the program currency, net of returns (zero for an
     *                   order in another currency)
     * @param disputedAt when it was first returned or complained about (null: never)
     */
    public record Order(String orderId, Instant at, BigDecimal spend, Instant disputedAt) {
        public Order {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(spend, "spend");
        }

        /** Whether it counts for a qualification that wants satisfied orders only. */
        boolean satisfied(Program.Qualification qualification) {
            return !qualification.satisfiedOnly() || disputedAt == null
                    || disputedAt.isAfter(at.plus(Duration.ofDays(qualification.satisfactionDays())));
        }
    }

    /**
     * Where a person stands against one qualification at one moment.
     *
     * @param orders       the orders that count
     * @param spend        the spend that counts
     * @param oldestOrder  the oldest order counted (null: none)
     */
    public record Standing(int orders, BigDecimal spend, Instant oldestOrder) {
    }

    public QualificationWindow {
        orders = orders.stream().sorted(Comparator.comparing(Order::at).thenComparing(Order::orderId)).toList();
    }

    public static QualificationWindow empty() {
        return new QualificationWindow(List.of());
    }

    public QualificationWindow with(Order order) {
        if (find(order.orderId()).isPresent()) {
            return this;
        }
        List<Order> next = new ArrayList<>(orders);
        next.add(order);
        return new QualificationWindow(next);
    }

    public Optional<Order> find(String orderId) {
        return orders.stream().filter(order -> order.orderId().equals(orderId)).findFirst();
    }

    /** The order's spend reduced by a return (never below zero), and its dispute recorded. */
    public QualificationWindow returned(String orderId, BigDecimal amount, Instant at) {
        return replace(orderId, order -> new Order(order.orderId(), order.at(),
                order.spend().subtract(amount).max(BigDecimal.ZERO), earliest(order.disputedAt(), at)));
    }

    /** A complaint about the order: its dispute recorded. */
    public QualificationWindow disputed(String orderId, Instant at) {
        return replace(orderId, order -> new Order(order.orderId(), order.at(), order.spend(),
                earliest(order.disputedAt(), at)));
    }

    /** Without the orders older than {@code from}: they count for no window any more. */
    public QualificationWindow prunedBefore(Instant from) {
        return orders.stream().allMatch(order -> !order.at().isBefore(from)) ? this
                : new QualificationWindow(orders.stream().filter(order -> !order.at().isBefore(from)).toList());
    }

    /** Where the person stands at {@code now}: the orders after {@code now - windowDays} that count. */
    public Standing standing(Program.Qualification qualification, Instant now) {
        Instant from = now.minus(Duration.ofDays(qualification.windowDays()));
        int count = 0;
        BigDecimal spend = BigDecimal.ZERO;
        Instant oldest = null;
        for (Order order : orders) {
            if (order.at().isAfter(from) && !order.at().isAfter(now) && order.satisfied(qualification)) {
                count++;
                spend = spend.add(order.spend());
                oldest = oldest == null ? order.at() : oldest;
            }
        }
        return new Standing(count, spend, oldest);
    }

    /** Whether the qualification is met at {@code now}. */
    public boolean meets(Program.Qualification qualification, Instant now) {
        Standing standing = standing(qualification, now);
        return (qualification.minOrders() != null && standing.orders() >= qualification.minOrders())
                || (qualification.minSpend() != null && standing.spend().compareTo(qualification.minSpend()) >= 0);
    }

    /**
     * Until when the qualification stays met if no other order comes: the moment the orders it rests on start
     * leaving the window. Empty when it is not met at {@code now}.
     */
    public Optional<Instant> metUntil(Program.Qualification qualification, Instant now) {
        Duration window = Duration.ofDays(qualification.windowDays());
        Instant from = now.minus(window);
        List<Order> counted = orders.stream()
                .filter(order -> order.at().isAfter(from) && !order.at().isAfter(now)
                        && order.satisfied(qualification))
                .sorted(Comparator.comparing(Order::at).reversed())
                .toList();
        Instant until = null;
        if (qualification.minOrders() != null && counted.size() >= qualification.minOrders()) {
            until = counted.get(qualification.minOrders() - 1).at().plus(window);
        }
        if (qualification.minSpend() != null) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Order order : counted) {
                sum = sum.add(order.spend());
                if (sum.compareTo(qualification.minSpend()) >= 0) {
                    Instant bySpend = order.at().plus(window);
                    until = until == null || bySpend.isAfter(until) ? bySpend : until;
                    break;
                }
            }
        }
        return Optional.ofNullable(until);
    }

    /** Both windows' orders, each order once. */
    public QualificationWindow union(QualificationWindow other) {
        QualificationWindow merged = this;
        for (Order order : other.orders) {
            merged = merged.with(order);
        }
        return merged;
    }

    private QualificationWindow replace(String orderId, java.util.function.UnaryOperator<Order> change) {
        List<Order> next = new ArrayList<>(orders.size());
        boolean found = false;
        for (Order order : orders) {
            if (order.orderId().equals(orderId)) {
                next.add(change.apply(order));
                found = true;
            } else {
                next.add(order);
            }
        }
        return found ? new QualificationWindow(next) : this;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
