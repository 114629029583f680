package org.entente.bench.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.LongStream;
import org.entente.bench.http.Json;
import org.entente.bench.workload.Population;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DecisionGeneratorTest {

    private final Population population = new Population(5, "g1");
    private final DecisionGenerator generator = new DecisionGenerator(population, 5, 300, 230, 50, "g1-gate-x");

    @Test
    void theCampaignAsksAboutEachOfItsPersonsOnceInOrderWithTheRestInTheLastBatch() {
        assertThat(generator.batches()).isEqualTo(5);
        var keys = new ArrayList<String>();
        for (long number = 0; number < generator.batches(); number++) {
            var batch = generator.batch(number);
            JsonNode questions = Json.MAPPER.readTree(batch.body()).path("decisions");
            assertThat(questions.size()).isEqualTo(batch.keys().size()).isEqualTo(number < 4 ? 50 : 30);
            for (int i = 0; i < questions.size(); i++) {
                JsonNode question = questions.get(i);
                long index = number * 50 + i;
                assertThat(names(question)).containsExactly("identifiers", "channel", "class", "topic", "campaign",
                        "idempotencyKey");
                assertThat(names(question.path("identifiers"))).containsExactly("customerId");
                assertThat(question.path("identifiers").path("customerId").asString())
                        .isEqualTo(population.customerId(index));
                assertThat(question.path("channel").asString()).isEqualTo("email");
                assertThat(question.path("class").asString()).isEqualTo("service");
                assertThat(question.path("topic").asString()).isEqualTo("news");
                assertThat(question.path("campaign").asString()).isEqualTo("g1-gate-x");
                assertThat(question.path("idempotencyKey").asString()).isEqualTo(batch.keys().get(i));
                keys.add(batch.keys().get(i));
            }
        }
        assertThat(keys).isEqualTo(LongStream.range(0, 230).mapToObj(i -> "g1-gate-x-" + i)
                .toList());
        assertThatThrownBy(() -> generator.batch(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void singleDecisionsAskAboutRandomPersonsOfTheWholePopulationEachWithAKeyOfItsOwn() {
        assertThat(generator.single(42).body()).isEqualTo(generator.single(42).body());
        var keys = new HashSet<String>();
        var persons = new HashSet<String>();
        for (long number = 0; number < 3_000; number++) {
            var single = generator.single(number);
            JsonNode question = Json.MAPPER.readTree(single.body());
            assertThat(names(question)).containsExactly("identifiers", "channel", "class", "topic",
                    "idempotencyKey");
            assertThat(question.path("identifiers").path("customerId").asString()).isEqualTo(single.customerId());
            assertThat(question.path("class").asString()).isEqualTo("service");
            assertThat(question.path("idempotencyKey").asString()).isEqualTo(single.key())
                    .isEqualTo("g1-gate-x-s" + number);
            assertThat(keys.add(single.key())).isTrue();
            persons.add(single.customerId());
        }
        // Persons beyond the campaign's 230 are drawn too: the whole population is known to the server.
        assertThat(persons).hasSizeGreaterThan(280).allMatch(id -> id.matches("g1-C000\\d{4}")
                && Long.parseLong(id.substring(4)) < 300);
        assertThat(persons).anyMatch(id -> Long.parseLong(id.substring(4)) >= 230);
    }

    @Test
    void theProbeAsksAboutAMarketingMessageThatADenyLeavesUnreserved() {
        var probe = generator.probe(299);
        JsonNode question = Json.MAPPER.readTree(probe.body());
        assertThat(probe.customerId()).isEqualTo(population.customerId(299));
        assertThat(question.path("class").asString()).isEqualTo("marketing");
        assertThat(question.path("idempotencyKey").asString()).isEqualTo("g1-gate-x-p299");
        assertThat(question.has("campaign")).isFalse();
    }

    @Test
    void theCampaignCoversAtMostThePopulation() {
        assertThatThrownBy(() -> new DecisionGenerator(population, 5, 100, 101, 50, "c"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> names(JsonNode node) {
        var names = new ArrayList<String>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
