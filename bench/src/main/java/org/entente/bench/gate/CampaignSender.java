package org.entente.bench.gate;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.entente.bench.http.ApiClient;
import org.entente.bench.http.Json;
import org.entente.bench.load.NumberedExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sends batch {@code n} of the campaign to {@code POST /api/v1/outreach/decisions:batch} once, and counts the verdicts
 * of an answer 200 in the campaign's {@link VerdictTally}: one decision per question, in the order asked. Any other
 * answer is final, and the batch counts as failed: the gate's idempotency keys would make a retry safe, but it would
 * hide from the figures what the senders of a campaign have to do. Thread-safe: the senders of a campaign share one.
 */
final class CampaignSender implements NumberedExchange {

    static final String BATCH_PATH = "/api/v1/outreach/decisions:batch";
    /** The most questions a batch may hold. */
    static final int MAX_BATCH = 1000;

    private static final String TARGET = "POST " + BATCH_PATH;

    private final ApiClient api;
    private final DecisionGenerator generator;
    private final VerdictTally tally;
    private final PrintWriter progress;
    private final LongAdder asked = new LongAdder();
    private final AtomicLong done = new AtomicLong();

    /**
     * @param progress where to say how far the campaign is, every tenth of the batches
     */
    CampaignSender(ApiClient api, DecisionGenerator generator, VerdictTally tally, PrintWriter progress) {
        this.api = Objects.requireNonNull(api, "api");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.tally = Objects.requireNonNull(tally, "tally");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    @Override
    public int send(long number) throws IOException, InterruptedException {
        var batch = generator.batch(number);
        try {
            var answer = api.fetch(api.authorizedPost(BATCH_PATH, "application/json",
                    BodyPublishers.ofByteArray(batch.body())));
            int status = answer.statusCode();
            if (status == 200) {
                asked.add(batch.keys().size());
                count(batch, answer.body());
            } else {
                tally.problem("%s of batch %d answered HTTP %d: %s", TARGET, number, status,
                        ApiClient.excerpt(answer.body()));
            }
            return status;
        } catch (IOException e) {
            tally.problem("%s of batch %d got no answer: %s", TARGET, number, e);
            throw e;
        } finally {
            reportProgress();
        }
    }

    /**
     * Counts the verdicts of an answer 200, which must hold one decision per question, in order. A decision missing
     * is a problem shown to the user, and the campaign's verdicts no longer add up to the questions {@link #asked}.
     */
    private void count(DecisionGenerator.PlannedBatch batch, byte[] body) {
        String target = TARGET + " of batch " + batch.number();
        JsonNode decisions;
        try {
            decisions = Json.MAPPER.readTree(body).path("decisions");
        } catch (JacksonException e) {
            tally.problem("%s answered 200 with a body that is not JSON: %s", target, ApiClient.excerpt(body));
            return;
        }
        if (!decisions.isArray() || decisions.size() != batch.keys().size()) {
            tally.problem("%s answered 200 with %s decisions for %d questions", target,
                    decisions.isArray() ? decisions.size() : "no", batch.keys().size());
        }
        int answered = decisions.isArray() ? Math.min(decisions.size(), batch.keys().size()) : 0;
        for (int i = 0; i < answered; i++) {
            tally.read(decisions.get(i), batch.keys().get(i), target).ifPresent(tally::count);
        }
    }

    private void reportProgress() {
        long finished = done.incrementAndGet();
        long batches = generator.batches();
        long step = Math.max(1, batches / 10);
        if (finished % step == 0 || finished == batches) {
            progress.printf(Locale.ROOT, "  %d of %d batches answered%n", finished, batches);
            progress.flush();
        }
    }

    /** The questions of the batches answered 200: the verdicts counted must add up to them. */
    long asked() {
        return asked.sum();
    }
}
