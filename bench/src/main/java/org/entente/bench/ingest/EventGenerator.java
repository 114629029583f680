package org.entente.bench.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.entente.bench.workload.Basket;
import org.entente.bench.workload.Population;
import org.entente.demo.DemoCustomer;

/**
 * Turns an {@link EventPlan} into events, on demand: event {@code n} is a pure function of the plan, the population
 * and {@code until}, so batches can be generated lazily, concurrently and again for the COPY baseline. Thread-safe.
 *
 * <p>Events are spread evenly over the {@link #WINDOW} before {@code until}, in the order of their numbers, so a
 * person's anonymous page views always happen before the identify that links them.
 */
final class EventGenerator {

    /** How far back the events go. */
    static final Duration WINDOW = Duration.ofDays(30);

    private static final String SHOP = "https://shop.example.com/products/";
    private static final double EMAIL_ON_PURCHASE_SHARE = 0.5;

    private final EventPlan plan;
    private final Population population;
    private final Instant from;
    private final long windowMillis;

    /**
     * @param until when the window ends, at the latest now: every event happens before it
     */
    EventGenerator(EventPlan plan, Population population, Instant until) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.population = Objects.requireNonNull(population, "population");
        this.from = until.truncatedTo(ChronoUnit.SECONDS).minus(WINDOW);
        this.windowMillis = WINDOW.toMillis();
    }

    EventPlan plan() {
        return plan;
    }

    /** Events {@code from} (inclusive) to {@code to} (exclusive). */
    List<Event> events(long from, long to) {
        var events = new ArrayList<Event>((int) (to - from));
        for (long event = from; event < to; event++) {
            events.add(event(event));
        }
        return events;
    }

    Event event(long number) {
        var slot = plan.slot(number);
        var random = slot.random();
        String id = "bench-" + population.run() + "-" + number;
        var occurredAt = from.plusMillis(number * windowMillis / plan.events());
        int person = slot.person();
        return switch (slot.stage()) {
            case ANONYMOUS -> new Event(id, Event.Type.PAGE_VIEW, occurredAt, browsingChannel(random),
                    new Event.Identifiers(null, null, population.anonymousId(person)), pageView(random));
            case SIGNING_IN -> {
                var customer = population.customer(person);
                yield new Event(id, Event.Type.IDENTIFY, occurredAt, browsingChannel(random),
                        new Event.Identifiers(population.customerId(person), population.email(customer),
                                population.anonymousId(person)),
                        identify(customer));
            }
            case KNOWN -> switch (slot.type()) {
                case PAGE_VIEW -> new Event(id, Event.Type.PAGE_VIEW, occurredAt, browsingChannel(random),
                        new Event.Identifiers(population.customerId(person), null, null), pageView(random));
                case IDENTIFY -> {
                    var customer = population.customer(person);
                    yield new Event(id, Event.Type.IDENTIFY, occurredAt, browsingChannel(random),
                            new Event.Identifiers(population.customerId(person), population.email(customer), null),
                            identify(customer));
                }
                case PURCHASE -> purchase(id, number, occurredAt, person, random);
            };
        };
    }

    private Event purchase(String id, long number, Instant occurredAt, int person, SplittableRandom random) {
        double channelDraw = random.nextDouble();
        String channel = channelDraw < 0.6 ? "store" : channelDraw < 0.9 ? "web" : "app";
        boolean withEmail = random.nextDouble() < EMAIL_ON_PURCHASE_SHARE;
        var basket = Basket.draw(population.catalog(), random, Basket.MAX_LINES);
        // The person's details are needed only for a receipt e-mail or the store's city: they cost a microsecond.
        DemoCustomer customer = withEmail || channel.equals("store") ? population.customer(person) : null;
        var items = basket.lines().stream()
                .map(line -> new Event.Item(line.product().sku(), line.product().name(), line.product().brand(),
                        line.category(), line.quantity(), line.product().unitPrice()))
                .toList();
        var properties = new Event.Purchase(population.run() + "-O" + number, basket.total(), basket.currency(),
                channel.equals("store") ? customer.city() : null, items);
        var identifiers = new Event.Identifiers(population.customerId(person),
                withEmail ? population.email(customer) : null, null);
        return new Event(id, Event.Type.PURCHASE, occurredAt, channel, identifiers, properties);
    }

    private Event.PageView pageView(SplittableRandom random) {
        var catalog = population.catalog();
        var product = catalog.get(random.nextInt(catalog.size()));
        return new Event.PageView(SHOP + product.sku().toLowerCase(Locale.ROOT), product.name());
    }

    private static Event.Identify identify(DemoCustomer customer) {
        return new Event.Identify(new Event.Traits(customer.firstName(), customer.lastName(),
                Population.languageTag(customer), customer.timeZone().getId()));
    }

    private static String browsingChannel(SplittableRandom random) {
        return random.nextDouble() < 0.75 ? "web" : "app";
    }
}
