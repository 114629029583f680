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
 * complaints come in, and pruned as they leave the longest window of the program (at most {@link #MAX_ORDERS}, the
 * latest). Measuring a tier reads this compact list, never the person's history. Immutable.
 */
public record QualificationWindow(List<Order> orders, List<Early> early) {

    /** The most orders kept: a qualification may ask for at most this many. */
    public static final int MAX_ORDERS = 1000;
    /** The most returns and complaints kept waiting for their order. */
    static final int MAX_EARLY = 100;

    /**
     * A return or a complaint that came before its order (an offline till uploading late): it waits here for the
     * order, and is applied to it when it comes.
     *
     * @param key      what makes it unique: {@code return:<returnId or eventId>}, {@code complaint:<eventId>}
     * @param amount   the amount returned, in {@code currency}; zero for a complaint
     */
    public record Early(String orderId, String key, Instant at, BigDecimal amount, String currency) {
        public Early {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
        }
    }

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
        if (orders.size() > MAX_ORDERS) {
            orders = orders.subList(orders.size() - MAX_ORDERS, orders.size());
        }
        early = early == null ? List.of() : List.copyOf(early.size() > MAX_EARLY
                ? early.subList(early.size() - MAX_EARLY, early.size()) : early);
    }

    public static QualificationWindow empty() {
        return new QualificationWindow(List.of(), List.of());
    }

    public QualificationWindow with(Order order) {
        if (find(order.orderId()).isPresent()) {
            return this;
        }
        List<Order> next = new ArrayList<>(orders);
        next.add(order);
        return new QualificationWindow(next, early);
    }

    /** With a return or complaint kept until its order comes (once per key). */
    public QualificationWindow waiting(Early waiting) {
        if (early.stream().anyMatch(e -> e.key().equals(waiting.key()))) {
            return this;
        }
        List<Early> next = new ArrayList<>(early);
        next.add(waiting);
        return new QualificationWindow(orders, next);
    }

    /** The returns and complaints waiting for this order, in the order they came. */
    public List<Early> waitingFor(String orderId) {
        return early.stream().filter(e -> e.orderId().equals(orderId)).toList();
    }

    public boolean isWaiting(String key) {
        return early.stream().anyMatch(e -> e.key().equals(key));
    }

    /** Without what waited for this order (it came). */
    public QualificationWindow arrived(String orderId) {
        return new QualificationWindow(orders, early.stream().filter(e -> !e.orderId().equals(orderId)).toList());
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

    /**
     * Without the orders older than {@code from}: they count for no window any more; nor what waited since before
     * then for an order that never came.
     */
    public QualificationWindow prunedBefore(Instant from) {
        if (orders.stream().noneMatch(order -> order.at().isBefore(from))
                && early.stream().noneMatch(e -> e.at().isBefore(from))) {
            return this;
        }
        return new QualificationWindow(orders.stream().filter(order -> !order.at().isBefore(from)).toList(),
                early.stream().filter(e -> !e.at().isBefore(from)).toList());
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

    /**
     * A status is earned by repeat purchases: however much one order is worth, it takes at least this many orders
     * counted for any qualification to be met.
     */
    public static final int REPEAT_ORDERS = 2;

    /** Whether the qualification is met at {@code now}. */
    public boolean meets(Program.Qualification qualification, Instant now) {
        Standing standing = standing(qualification, now);
        return standing.orders() >= REPEAT_ORDERS
                && ((qualification.minOrders() != null && standing.orders() >= qualification.minOrders())
                || (qualification.minSpend() != null && standing.spend().compareTo(qualification.minSpend()) >= 0));
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
        if (counted.size() < REPEAT_ORDERS) {
            return Optional.empty();
        }
        // However it is met, it rests on the most recent orders: the REPEAT_ORDERS-th of them leaving ends it too.
        Instant repeat = counted.get(REPEAT_ORDERS - 1).at().plus(window);
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
        return Optional.ofNullable(until).map(u -> u.isAfter(repeat) ? repeat : u);
    }

    /** Both windows' orders, each order once, and what waits in either. */
    public QualificationWindow union(QualificationWindow other) {
        QualificationWindow merged = this;
        for (Order order : other.orders) {
            merged = merged.with(order);
        }
        for (Early waiting : other.early) {
            merged = merged.waiting(waiting);
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
        return found ? new QualificationWindow(next, early) : this;
    }

    /** The earlier of two instants, either of which may be null. */
    static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
