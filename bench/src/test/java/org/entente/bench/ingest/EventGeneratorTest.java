package org.entente.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.entente.bench.http.Json;
import org.entente.bench.workload.Population;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventGeneratorTest {

    private static final Instant UNTIL = Instant.parse("2026-03-01T12:00:00Z");
    private static final int PERSONS = 2_000;
    private static final long EVENTS = 20_000;

    private final EventPlan plan = new EventPlan(7, PERSONS, EVENTS);
    private final EventGenerator generator = new EventGenerator(plan, new Population(7, "t1"), UNTIL);

    @Test
    void theSameSeedAndRunGiveTheSameEventsAndAnotherSeedOthers() {
        var again = new EventGenerator(new EventPlan(7, PERSONS, EVENTS), new Population(7, "t1"), UNTIL);
        var otherSeed = new EventGenerator(new EventPlan(8, PERSONS, EVENTS), new Population(8, "t1"), UNTIL);

        assertThat(json(again.events(0, EVENTS))).isEqualTo(json(generator.events(0, EVENTS)));
        assertThat(json(otherSeed.events(0, 1_000))).isNotEqualTo(json(generator.events(0, 1_000)));
        // A batch is the same whether generated alone or within the whole run.
        assertThat(json(generator.events(5_000, 5_500))).isEqualTo(json(again.events(0, EVENTS).subList(5_000, 5_500)));
    }

    @Test
    void everyEventHasAUniqueIdAnIdentifierAndATimeInThePastInSendingOrder() {
        var ids = new HashSet<String>();
        Instant previous = Instant.MIN;
        for (var event : generator.events(0, EVENTS)) {
            assertThat(ids.add(event.id())).as(event.id()).isTrue();
            assertThat(event.id()).startsWith("bench-t1-");
            assertThat(event.occurredAt()).isBefore(UNTIL).isAfterOrEqualTo(previous);
            previous = event.occurredAt();
            JsonNode json = Json.MAPPER.valueToTree(event);
            assertThat(json.path("identifiers").isEmpty()).isFalse();
            assertThat(json.path("occurredAt").asString()).isEqualTo(event.occurredAt().toString());
        }
    }

    @Test
    void purchaseTotalsAreTheSumOfTheirItems() {
        int purchases = 0;
        for (var event : generator.events(0, EVENTS)) {
            if (event.properties() instanceof Event.Purchase purchase) {
                purchases++;
                assertThat(event.type()).isEqualTo(Event.Type.PURCHASE);
                assertThat(purchase.items()).hasSizeBetween(1, 5);
                var sum = purchase.items().stream()
                        .map(item -> item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(purchase.total()).isEqualByComparingTo(sum);
                assertThat(purchase.currency()).isEqualTo("EUR");
                assertThat(purchase.store() != null).isEqualTo(event.channel().equals("store"));
                assertThat(event.identifiers().customerId()).isNotNull();
                assertThat(event.identifiers().anonymousId()).isNull();
            }
        }
        assertThat(purchases).isPositive();
    }

    @Test
    void personsFirstSeenAnonymouslySignInWithBothIdentitiesAndAreKnownAfter() {
        var population = new Population(7, "t1");
        int signedIn = 0;
        for (int person = 0; person < PERSONS; person++) {
            long signInAt = plan.signInAt(person);
            if (signInAt < 0) {
                continue;
            }
            signedIn++;
            assertThat(plan.kind(person)).isEqualTo(EventPlan.Kind.ANONYMOUS_FIRST);
            var signIn = generator.event(signInAt);
            assertThat(signIn.type()).isEqualTo(Event.Type.IDENTIFY);
            assertThat(signIn.identifiers()).isEqualTo(new Event.Identifiers(population.customerId(person),
                    population.email(population.customer(person)), population.anonymousId(person)));
        }
        assertThat(signedIn).isGreaterThan(PERSONS / 10);

        boolean anonymousBeforeSignIn = false;
        for (long number = 0; number < EVENTS; number++) {
            int person = plan.slot(number).person();
            var identifiers = generator.event(number).identifiers();
            long signInAt = plan.signInAt(person);
            if (plan.kind(person) == EventPlan.Kind.KNOWN || (signInAt >= 0 && number > signInAt)) {
                assertThat(identifiers.customerId()).isEqualTo(population.customerId(person));
                assertThat(identifiers.anonymousId()).isNull();
            } else if (signInAt < 0 || number < signInAt) {
                assertThat(identifiers).isEqualTo(new Event.Identifiers(null, null, population.anonymousId(person)));
                assertThat(generator.event(number).type()).isEqualTo(Event.Type.PAGE_VIEW);
                anonymousBeforeSignIn |= signInAt >= 0;
            }
        }
        assertThat(anonymousBeforeSignIn).isTrue();
    }

    @Test
    void thePlanCountsWhatIsGeneratedPerPerson() {
        var events = new HashMap<Integer, Integer>();
        var purchases = new HashMap<Integer, Integer>();
        for (long number = 0; number < EVENTS; number++) {
            int person = plan.slot(number).person();
            events.merge(person, 1, Integer::sum);
            if (generator.event(number).type() == Event.Type.PURCHASE) {
                purchases.merge(person, 1, Integer::sum);
            }
        }
        for (int person = 0; person < PERSONS; person++) {
            assertThat(plan.eventCount(person)).isEqualTo(events.getOrDefault(person, 0));
            assertThat(plan.purchaseCount(person)).isEqualTo(purchases.getOrDefault(person, 0));
        }
    }

    @Test
    void theMixIsMostlyPageViewsWithSomePurchasesAndIdentifies() {
        Map<Event.Type, Integer> counts = new HashMap<>();
        generator.events(0, EVENTS).forEach(event -> counts.merge(event.type(), 1, Integer::sum));

        assertThat(counts.get(Event.Type.PURCHASE) / (double) EVENTS).isCloseTo(0.15, within(0.03));
        assertThat(counts.get(Event.Type.IDENTIFY) / (double) EVENTS).isCloseTo(0.15, within(0.03));
        assertThat(counts.get(Event.Type.PAGE_VIEW) / (double) EVENTS).isCloseTo(0.70, within(0.05));
    }

    @Test
    void theSampleHoldsDistinctActivePersonsAndIsReproducible() {
        var sample = plan.sample(200);

        assertThat(sample).hasSize(200).doesNotHaveDuplicates().isEqualTo(plan.sample(200));
        assertThat(sample).allSatisfy(person -> assertThat(plan.eventCount(person)).isPositive());
        var small = new EventPlan(3, 50, 40);
        assertThat(small.sample(200)).allSatisfy(person -> assertThat(small.eventCount(person)).isPositive())
                .hasSizeLessThanOrEqualTo(40);
    }

    private static String json(List<Event> events) {
        return Json.MAPPER.writeValueAsString(new Event.Batch(events));
    }
}
