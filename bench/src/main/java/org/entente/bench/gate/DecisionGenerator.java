package org.entente.bench.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.entente.bench.http.Json;
import org.entente.bench.workload.Draws;
import org.entente.bench.workload.Population;

/**
 * The questions a run asks the contact gate, each made from (seed, number) only, so that any sender can make its own.
 * The campaign asks once about every person at indexes 0 to {@code campaignPersons - 1}, in batches of
 * {@code batchSize}; the single decisions ask about persons drawn at random among the first {@code persons}. Every
 * question is about a {@value #CLASS} message on {@value #CHANNEL} about {@value #TOPIC}, for a person identified by
 * the customer id the import gave them, and has an idempotency key of its own made from the campaign id, which is
 * unique to the run: so no question of a run is a replay of another. Immutable and thread-safe.
 */
final class DecisionGenerator {

    static final String CHANNEL = "email";
    static final String CLASS = "service";
    static final String TOPIC = "news";
    /** The class of the probe: without the person's consent it is denied, and a deny reserves no contact slot. */
    static final String PROBE_CLASS = "marketing";

    private static final long SINGLE_DRAWS = 0x3C6EF372FE94F82BL;

    private final Population population;
    private final long seed;
    private final long persons;
    private final long campaignPersons;
    private final int batchSize;
    private final String campaign;

    /**
     * @param persons         how many persons of the population are on the server, at least 1
     * @param campaignPersons how many of them the campaign asks about, 1 to {@code persons}
     * @param batchSize       questions per batch, at least 1
     * @param campaign        the campaign id, unique to the run
     */
    DecisionGenerator(Population population, long seed, long persons, long campaignPersons, int batchSize,
                      String campaign) {
        this.population = Objects.requireNonNull(population, "population");
        this.seed = seed;
        this.persons = persons;
        this.campaignPersons = campaignPersons;
        this.batchSize = batchSize;
        this.campaign = Objects.requireNonNull(campaign, "campaign");
        if (persons < 1 || campaignPersons < 1 || campaignPersons > persons) {
            throw new IllegalArgumentException("persons must be at least 1 and campaign persons 1 to " + persons
                    + ": " + persons + ", " + campaignPersons);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
        }
    }

    String campaign() {
        return campaign;
    }

    long campaignPersons() {
        return campaignPersons;
    }

    /** How many batches the campaign takes: the last one holds the persons left over. */
    long batches() {
        return (campaignPersons + batchSize - 1) / batchSize;
    }

    /** Batch {@code number} of the campaign, from 0: the same number gives the same batch. */
    PlannedBatch batch(long number) {
        long from = number * batchSize;
        long to = Math.min(from + batchSize, campaignPersons);
        if (number < 0 || from >= to) {
            throw new IllegalArgumentException("no batch " + number + " in " + batches());
        }
        var keys = new ArrayList<String>((int) (to - from));
        var decisions = new ArrayList<DecisionRequest>((int) (to - from));
        for (long index = from; index < to; index++) {
            String key = campaign + "-" + index;
            keys.add(key);
            decisions.add(new DecisionRequest(population.customerId(index), CLASS, campaign, key));
        }
        return new PlannedBatch(number, keys, Json.MAPPER.writeValueAsBytes(new Batch(decisions)));
    }

    /** Single decision {@code number}, for a person drawn at random: the same number gives the same question. */
    PlannedDecision single(long number) {
        String customerId = population.customerId(Draws.at(seed, SINGLE_DRAWS, number).nextLong(persons));
        return plan(customerId, CLASS, null, campaign + "-s" + number);
    }

    /**
     * A question about a {@value #PROBE_CLASS} message to the person at {@code index}: what the scenario asks before
     * the load, to check that the server knows the population without reserving a slot that would change the
     * campaign's verdicts.
     */
    PlannedDecision probe(long index) {
        return plan(population.customerId(index), PROBE_CLASS, null, campaign + "-p" + index);
    }

    private static PlannedDecision plan(String customerId, String messageClass, String campaign, String key) {
        return new PlannedDecision(customerId, key,
                Json.MAPPER.writeValueAsBytes(new DecisionRequest(customerId, messageClass, campaign, key)));
    }

    /**
     * One batch of the campaign.
     *
     * @param number its number, from 0
     * @param keys   the idempotency keys of its questions, in order: the gate answers in the same order
     * @param body   the request body of {@code POST /api/v1/outreach/decisions:batch}
     */
    record PlannedBatch(long number, List<String> keys, byte[] body) {

        PlannedBatch {
            keys = List.copyOf(keys);
        }
    }

    /**
     * One question asked on its own.
     *
     * @param customerId who it is about
     * @param key        its idempotency key
     * @param body       the request body of {@code POST /api/v1/outreach/decisions}
     */
    record PlannedDecision(String customerId, String key, byte[] body) {
    }

    /** The body of {@code POST /api/v1/outreach/decisions}; a question outside the campaign has no campaign. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DecisionRequest(Map<String, String> identifiers, String channel,
                           @JsonProperty("class") String messageClass, String topic, String campaign,
                           String idempotencyKey) {

        DecisionRequest(String customerId, String messageClass, String campaign, String idempotencyKey) {
            this(Map.of("customerId", customerId), CHANNEL, messageClass, TOPIC, campaign, idempotencyKey);
        }
    }

    /** The body of {@code POST /api/v1/outreach/decisions:batch}. */
    record Batch(List<DecisionRequest> decisions) {
    }
}
