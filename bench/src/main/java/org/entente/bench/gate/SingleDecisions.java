package org.entente.bench.gate;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.entente.bench.http.ApiClient;
import org.entente.bench.http.Json;
import org.entente.bench.load.WindowedExchange;
import tools.jackson.core.JacksonException;

/**
 * One question to {@code POST /api/v1/outreach/decisions}: the next single decision of the generator, each with an
 * idempotency key of its own, for a person drawn at random. The exchange succeeds when it is answered 200; the verdict
 * of a measured one is counted in the {@link VerdictTally}, and every answer 200 is checked against the contract.
 * Thread-safe: the clients share one.
 */
final class SingleDecisions implements WindowedExchange {

    static final String DECISIONS_PATH = "/api/v1/outreach/decisions";

    private final ApiClient api;
    private final DecisionGenerator generator;
    private final AtomicLong next = new AtomicLong();
    private final VerdictTally tally;

    SingleDecisions(ApiClient api, DecisionGenerator generator, VerdictTally tally) {
        this.api = Objects.requireNonNull(api, "api");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.tally = Objects.requireNonNull(tally, "tally");
    }

    @Override
    public int send(boolean measured) throws IOException, InterruptedException {
        var decision = generator.single(next.getAndIncrement());
        var answer = ask(api, decision, tally);
        if (measured) {
            answer.decided().ifPresent(tally::count);
        }
        return answer.code();
    }

    /**
     * Asks this question once, noting in {@code tally} what went wrong, but counting nothing.
     *
     * @throws IOException when no answer came
     */
    static Answer ask(ApiClient api, DecisionGenerator.PlannedDecision decision, VerdictTally tally)
            throws IOException, InterruptedException {
        String target = "POST " + DECISIONS_PATH + " for " + decision.customerId();
        byte[] body;
        int status;
        try {
            var answer = api.fetch(api.authorizedPost(DECISIONS_PATH, "application/json",
                    BodyPublishers.ofByteArray(decision.body())));
            status = answer.statusCode();
            body = answer.body();
        } catch (IOException e) {
            tally.problem("%s got no answer: %s", target, e);
            throw e;
        }
        if (status != 200) {
            tally.problem("%s answered HTTP %d: %s", target, status, ApiClient.excerpt(body));
            return new Answer(status, Optional.empty());
        }
        try {
            return new Answer(status, tally.read(Json.MAPPER.readTree(body), decision.key(), target));
        } catch (JacksonException e) {
            tally.breach("%s answered 200 with a body that is not JSON: %s", target, ApiClient.excerpt(body));
            return new Answer(status, Optional.empty());
        }
    }

    /**
     * The gate's answer to one question.
     *
     * @param code    its HTTP status
     * @param decided its decision, if it was answered 200 with a verdict
     */
    record Answer(int code, Optional<VerdictTally.Decided> decided) {
    }
}
