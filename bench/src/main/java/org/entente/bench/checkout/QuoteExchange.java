package org.entente.bench.checkout;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.entente.bench.http.ApiClient;
import org.entente.bench.http.Json;
import org.entente.bench.http.ServerTiming;
import org.entente.bench.load.WindowedExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One checkout at the till: {@code POST /api/v1/checkout/quotes} for the next quote of the generator, then, if the
 * generator planned it confirmed, {@code POST /api/v1/checkout/quotes/{quoteId}/confirm} with the quote's own order
 * id. A quote not confirmed is abandoned, as a customer who walks away, unless its answer holds points
 * ({@code points.redeemed} above 0): then it is cancelled with {@code POST /api/v1/checkout/quotes/{quoteId}/cancel},
 * as a till does, so that the points are not held until the quote expires. The exchange succeeds when the quote is
 * answered 201 and its confirmation 201 (confirmed) or 200 (the same confirmation again), or its cancellation 200
 * {@code cancelled}; it returns the status of the request that failed otherwise. Each answer is checked against the
 * contract (a quote id, the right recognition, a {@code Server-Timing} with {@code app;dur} on quotes and
 * confirmations, the state of a cancellation) and its figures go to the step's {@link QuoteTally}. Thread-safe: the
 * clients of a step share one exchange.
 */
final class QuoteExchange implements WindowedExchange {

    static final String QUOTES_PATH = "/api/v1/checkout/quotes";

    private static final String JSON = "application/json";

    private final ApiClient api;
    private final QuoteGenerator generator;
    private final AtomicLong next;
    private final QuoteTally tally;

    /**
     * @param next the number of the next quote to ask for, shared by the steps of a run so that no two quotes of it
     *             have the same order
     */
    QuoteExchange(ApiClient api, QuoteGenerator generator, AtomicLong next, QuoteTally tally) {
        this.api = Objects.requireNonNull(api, "api");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.next = Objects.requireNonNull(next, "next");
        this.tally = Objects.requireNonNull(tally, "tally");
    }

    @Override
    public int send(boolean measured) throws IOException, InterruptedException {
        return send(generator.quote(next.getAndIncrement()), measured);
    }

    /** Asks for this quote, then confirms it, cancels it or leaves it, as planned and as answered. */
    int send(QuoteGenerator.PlannedQuote quote, boolean measured) throws IOException, InterruptedException {
        var request = api.authorizedPost(QUOTES_PATH, JSON, BodyPublishers.ofByteArray(quote.body()));
        long begin = System.nanoTime();
        HttpResponse<byte[]> answer;
        try {
            answer = api.fetch(request);
        } catch (IOException e) {
            tally.problem("POST %s for %s got no answer: %s", QUOTES_PATH, quote.customerId(), e);
            throw e;
        }
        if (measured) {
            tally.quoteAnswered((System.nanoTime() - begin) / 1_000);
        }
        int status = answer.statusCode();
        if (status != 201) {
            unexpected(answer, "POST " + QUOTES_PATH + " for " + quote.customerId(), "201");
            return status;
        }
        var quoted = readQuote(quote, answer, measured);
        if (quoted.isEmpty()) {
            return status;
        }
        if (quote.confirming()) {
            return confirm(quote, quoted.get().quoteId(), measured);
        }
        if (quoted.get().holdsPoints()) {
            return cancel(quote, quoted.get().quoteId(), measured);
        }
        return status;
    }

    /** The quote answered, if the answer keeps the contract; its figures recorded. */
    private Optional<Quoted> readQuote(QuoteGenerator.PlannedQuote quote, HttpResponse<byte[]> answer,
                                       boolean measured) {
        String target = "POST " + QUOTES_PATH + " for " + quote.customerId();
        serverTime(answer, target).ifPresent(micros -> {
            if (measured) {
                tally.quoteServerTime(micros);
            }
        });
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(answer.body());
        } catch (JacksonException e) {
            tally.breach("%s answered 201 with a body that is not JSON: %s", target, ApiClient.excerpt(answer.body()));
            return Optional.empty();
        }
        JsonNode recognised = json.path("recognised");
        if (!recognised.isBoolean()) {
            tally.breach("%s answered 201 without a recognised flag: %s", target, ApiClient.excerpt(answer.body()));
        } else if (recognised.booleanValue() != quote.known()) {
            tally.breach("%s answered recognised %s, but the person %s", target, recognised.booleanValue(),
                    quote.known() ? "has a purchase history on the server" : "was never seen by the server");
        }
        boolean holdsPoints = json.path("points").path("redeemed").asDouble(0) > 0;
        if (measured) {
            tally.granted(!json.path("offers").isEmpty(), holdsPoints);
        }
        String quoteId = json.path("quoteId").asString("");
        try {
            UUID.fromString(quoteId);
            return Optional.of(new Quoted(quoteId, holdsPoints));
        } catch (IllegalArgumentException e) {
            tally.breach("%s answered 201 without a UUID quoteId: %s", target, ApiClient.excerpt(answer.body()));
            return Optional.empty();
        }
    }

    private int confirm(QuoteGenerator.PlannedQuote quote, String quoteId, boolean measured)
            throws IOException, InterruptedException {
        String path = QUOTES_PATH + "/" + quoteId + "/confirm";
        String target = "POST " + path + " for " + quote.customerId();
        var body = Json.MAPPER.writeValueAsBytes(Map.of("orderId", quote.orderId()));
        HttpResponse<byte[]> answer;
        try {
            answer = api.fetch(api.authorizedPost(path, JSON, BodyPublishers.ofByteArray(body)));
        } catch (IOException e) {
            tally.problem("%s got no answer: %s", target, e);
            throw e;
        }
        int status = answer.statusCode();
        if (status == 201 || status == 200) {
            if (measured) {
                tally.confirmed();
            }
            serverTime(answer, target).ifPresent(micros -> {
                if (measured) {
                    tally.confirmServerTime(micros);
                }
            });
        } else {
            if (status == 409 && measured) {
                tally.conflict();
            }
            unexpected(answer, target, "201 or 200");
        }
        return status;
    }

    private int cancel(QuoteGenerator.PlannedQuote quote, String quoteId, boolean measured)
            throws IOException, InterruptedException {
        String path = QUOTES_PATH + "/" + quoteId + "/cancel";
        String target = "POST " + path + " for " + quote.customerId();
        HttpResponse<byte[]> answer;
        try {
            answer = api.fetch(api.authorizedPost(path, JSON, BodyPublishers.noBody()));
        } catch (IOException e) {
            tally.problem("%s got no answer: %s", target, e);
            throw e;
        }
        int status = answer.statusCode();
        if (status != 200) {
            unexpected(answer, target, "200");
            return status;
        }
        String state;
        try {
            state = Json.MAPPER.readTree(answer.body()).path("state").asString("");
        } catch (JacksonException e) {
            tally.breach("%s answered 200 with a body that is not JSON: %s", target, ApiClient.excerpt(answer.body()));
            return status;
        }
        // The quote was made a moment ago, so it is open: 'expired' would mean a quote TTL shorter than a checkout.
        if (!state.equals("cancelled")) {
            tally.breach("%s answered 200 without the state cancelled: %s", target, ApiClient.excerpt(answer.body()));
        } else if (measured) {
            tally.cancelled();
        }
        return status;
    }

    /** The {@code app} duration of a successful answer, which must carry one. */
    private OptionalLong serverTime(HttpResponse<byte[]> answer, String target) {
        var micros = ServerTiming.micros(answer.headers(), ServerTiming.APP);
        if (micros.isEmpty()) {
            tally.breach("%s answered %d without '%s: %s;dur=<milliseconds>' (got %s)", target, answer.statusCode(),
                    ServerTiming.HEADER, ServerTiming.APP, answer.headers().allValues(ServerTiming.HEADER));
        }
        return micros;
    }

    /** Notes an answer other than {@code expected}: a breach if it is a success all the same, a problem if not. */
    private void unexpected(HttpResponse<byte[]> answer, String target, String expected) {
        int status = answer.statusCode();
        if (status >= 200 && status <= 299) {
            tally.breach("%s answered HTTP %d instead of %s", target, status, expected);
        } else {
            tally.problem("%s answered HTTP %d: %s", target, status, ApiClient.excerpt(answer.body()));
        }
    }

    /**
     * A quote as answered.
     *
     * @param quoteId     its id
     * @param holdsPoints whether it holds points until it is confirmed, cancelled or expires
     */
    private record Quoted(String quoteId, boolean holdsPoints) {
    }
}
