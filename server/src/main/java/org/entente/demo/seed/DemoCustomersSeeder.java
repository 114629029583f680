package org.entente.demo.seed;

import org.entente.demo.DemoBrand;
import org.entente.demo.DemoCustomer;
import org.entente.demo.Product;
import org.entente.platform.Money;
import org.entente.profile.Channel;
import org.entente.profile.EventFacts;
import org.entente.profile.Identifier;
import org.entente.profile.IdentifierNormaliser;
import org.entente.profile.IdentifierType;
import org.entente.profile.IncomingEvent;
import org.entente.profile.Profiles;
import org.entente.profile.RecordedEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Writes the demo brand's customers and what they did (sign-ups, visits, purchases in store, on the web and in the
 * app, a few returns, and lately a few touches on every channel) through the profile module, as any touchpoint would, so that loyalty recognises them too: their
 * habits put some in every tier of the default program. Event ids are derived from the seed, so seeding again records
 * nothing new.
 */
@Component
@ConditionalOnBooleanProperty("entente.demo")
class DemoCustomersSeeder {

    static final int CUSTOMERS = 200;
    private static final int EVENTS_PER_TRANSACTION = 500;
    private static final List<Channel> SHOPPING = List.of(Channel.STORE, Channel.STORE, Channel.WEB, Channel.APP);
    private static final List<String> STORES = List.of("paris-01", "lyon-02", "nantes-01", "lille-03");

    private final Profiles profiles;
    private final IdentifierNormaliser normaliser;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    DemoCustomersSeeder(Profiles profiles, IdentifierNormaliser normaliser, TransactionTemplate transactions,
                        JsonMapper json, Clock clock) {
        this.profiles = profiles;
        this.normaliser = normaliser;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** @return how many events were recorded now (0 when the population was already there) */
    int seed(DemoBrand brand) {
        List<IncomingEvent> events = new ArrayList<>();
        brand.customers(CUSTOMERS).forEach(customer -> events.addAll(eventsOf(brand, customer)));
        int recorded = 0;
        for (int from = 0; from < events.size(); from += EVENTS_PER_TRANSACTION) {
            List<IncomingEvent> part = events.subList(from, Math.min(events.size(), from + EVENTS_PER_TRANSACTION));
            List<RecordedEvent> outcomes = transactions.execute(status -> profiles.record(part));
            recorded += (int) outcomes.stream().filter(o -> o.outcome() == RecordedEvent.Outcome.ACCEPTED).count();
        }
        return recorded;
    }

    private List<IncomingEvent> eventsOf(DemoBrand brand, DemoCustomer customer) {
        Random random = new Random(brand.seed() * 31 + customer.customerId().hashCode());
        Instant now = clock.instant();
        String prefix = "demo-" + brand.seed() + "-" + customer.customerId() + "-";
        List<Identifier> identifiers = identifiers(customer);
        List<IncomingEvent> events = new ArrayList<>();
        Habit habit = Habit.draw(random);
        Instant signUp = now.minus(Duration.ofDays(habit.signedUpDaysAgo(random)));
        ObjectNode traits = json.createObjectNode().put("firstName", customer.firstName())
                .put("lastName", customer.lastName()).put("locale", customer.locale().toLanguageTag())
                .put("timezone", customer.timeZone().getId()).put("birthDate", customer.birthDate().toString());
        traits.putObject("address").put("city", customer.city()).put("country", customer.country());
        ObjectNode signUpProperties = json.createObjectNode();
        signUpProperties.set("traits", traits);
        String source = random.nextBoolean() ? "newsletter" : "search";
        signUpProperties.put("utm_source", source);
        events.add(new IncomingEvent(prefix + "identify", "identify", signUp, random.nextBoolean() ? Channel.WEB
                : Channel.STORE, identifiers, json.writeValueAsString(signUpProperties),
                new EventFacts.Identify(Optional.of(customer.firstName()), Optional.of(customer.lastName()),
                        Optional.of(customer.locale().toLanguageTag()), Optional.of(customer.timeZone().getId()),
                        Optional.of(customer.birthDate()), Optional.of(json.writeValueAsString(traits.get("address"))),
                        Map.of()),
                Optional.of(source), Optional.empty()));
        List<Product> catalog = brand.catalog();
        int visits = random.nextInt(6);
        for (int v = 0; v < visits; v++) {
            Product product = catalog.get(random.nextInt(catalog.size()));
            Instant at = between(random, signUp, now);
            events.add(new IncomingEvent(prefix + "view-" + v, "product_view", at,
                    random.nextBoolean() ? Channel.WEB : Channel.APP, identifiers,
                    json.writeValueAsString(json.createObjectNode().put("sku", product.sku())
                            .put("name", product.name())),
                    new EventFacts.Interaction(), Optional.empty(), Optional.empty()));
        }
        int purchases = habit.minOrders + random.nextInt(habit.maxOrders - habit.minOrders + 1);
        for (int p = 0; p < purchases; p++) {
            Channel channel = SHOPPING.get(random.nextInt(SHOPPING.size()));
            String store = channel == Channel.STORE ? STORES.get(random.nextInt(STORES.size())) : null;
            Instant at = habit.orderedAt(random, signUp, now);
            String orderId = prefix + "order-" + p;
            ObjectNode properties = json.createObjectNode().put("orderId", orderId).put("currency", "EUR");
            if (store != null) {
                properties.put("store", store);
            }
            ArrayNode items = properties.putArray("items");
            List<EventFacts.Item> lines = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            int count = 1 + random.nextInt(3);
            for (int l = 0; l < count; l++) {
                Product product = catalog.get(random.nextInt(catalog.size()));
                int quantity = 1 + random.nextInt(3);
                String category = product.category().name().toLowerCase(Locale.ROOT);
                items.addObject().put("sku", product.sku()).put("name", product.name()).put("brand", product.brand())
                        .put("category", category).put("quantity", quantity).put("unitPrice", product.unitPrice());
                lines.add(new EventFacts.Item(product.sku(), Optional.of(product.brand()), Optional.of(category),
                        quantity, new Money(product.unitPrice(), product.currency())));
                total = total.add(product.unitPrice().multiply(BigDecimal.valueOf(quantity)));
            }
            properties.put("total", total);
            Money amount = new Money(total, catalog.getFirst().currency());
            events.add(new IncomingEvent(orderId, "purchase", at, channel, identifiers,
                    json.writeValueAsString(properties),
                    new EventFacts.Purchase(orderId, amount, Optional.ofNullable(store), lines),
                    Optional.empty(), Optional.empty()));
            if (random.nextInt(12) == 0) {
                Instant returnedAt = at.plus(Duration.ofDays(3 + random.nextInt(20)));
                if (returnedAt.isBefore(now)) {
                    events.add(new IncomingEvent(orderId + "-return", "return", returnedAt, channel, identifiers,
                            json.writeValueAsString(json.createObjectNode().put("orderId", orderId)
                                    .put("currency", "EUR").put("amount", total)),
                            new EventFacts.Return(orderId, amount, List.of(), Optional.empty()),
                            Optional.empty(), Optional.empty()));
                }
            }
        }
        // What they did lately, across touchpoints, so that the last weeks have activity on every channel.
        int recent = random.nextInt(7);
        for (int r = 0; r < recent; r++) {
            Touch touch = RECENT.get(random.nextInt(RECENT.size()));
            Instant at = now.minus(Duration.ofMinutes(5 + random.nextInt(RECENT_DAYS * 24 * 60)));
            events.add(new IncomingEvent(prefix + "recent-" + r, touch.type(), at, touch.channel(), identifiers,
                    "{}", new EventFacts.Interaction(), Optional.empty(), Optional.empty()));
        }
        return events;
    }

    private record Touch(String type, Channel channel) {
    }

    private static final int RECENT_DAYS = 28;
    private static final List<Touch> RECENT = List.of(new Touch("product_view", Channel.WEB),
            new Touch("product_view", Channel.APP), new Touch("app_open", Channel.APP),
            new Touch("store_visit", Channel.STORE), new Touch("email_click", Channel.EMAIL),
            new Touch("support_call", Channel.CALL_CENTER), new Touch("sms_click", Channel.SMS),
            new Touch("chat_session", Channel.CHAT));

    /**
     * How often a demo customer buys, which is what puts them in a tier of the default loyalty program (Member after 3
     * orders in a year, Insider after 8 or 600 EUR): out of 20, 4 never bought, 6 bought once or twice, 6 three to
     * six times this year, 3 eight to twelve times this year, and 1 stopped more than a year ago.
     */
    private enum Habit {
        PROSPECT(4, 0, 0), OCCASIONAL(6, 1, 2), REGULAR(6, 3, 6), LOYAL(3, 8, 12), LAPSED(1, 2, 5);

        private final int weight;
        final int minOrders;
        final int maxOrders;

        Habit(int weight, int minOrders, int maxOrders) {
            this.weight = weight;
            this.minOrders = minOrders;
            this.maxOrders = maxOrders;
        }

        static Habit draw(Random random) {
            int draw = random.nextInt(20);
            for (Habit habit : values()) {
                draw -= habit.weight;
                if (draw < 0) {
                    return habit;
                }
            }
            throw new IllegalStateException();
        }

        long signedUpDaysAgo(Random random) {
            return switch (this) {
                case PROSPECT, OCCASIONAL -> 30 + random.nextInt(700);
                case REGULAR, LOYAL -> 340 + random.nextInt(400);
                case LAPSED -> 500 + random.nextInt(300);
            };
        }

        Instant orderedAt(Random random, Instant signUp, Instant now) {
            return switch (this) {
                case REGULAR, LOYAL -> now.minus(Duration.ofMinutes(60 + random.nextInt(330 * 24 * 60)));
                case LAPSED -> between(random, signUp, now.minus(Duration.ofDays(400)));
                case PROSPECT, OCCASIONAL -> between(random, signUp, now);
            };
        }
    }

    private List<Identifier> identifiers(DemoCustomer customer) {
        List<Identifier> identifiers = new ArrayList<>();
        add(identifiers, IdentifierType.CUSTOMER_ID, customer.customerId());
        add(identifiers, IdentifierType.EMAIL, customer.email());
        if (customer.phone() != null) {
            add(identifiers, IdentifierType.PHONE, customer.phone());
        }
        return identifiers;
    }

    private void add(List<Identifier> identifiers, IdentifierType type, String raw) {
        if (normaliser.normalise(type, raw) instanceof IdentifierNormaliser.Result.Valid(Identifier identifier)) {
            identifiers.add(identifier);
        }
    }

    private static Instant between(Random random, Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMinutes());
        return from.plus(Duration.ofMinutes((long) (random.nextDouble() * span)));
    }
}
