package org.entente.bench.checkout;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.entente.bench.load.Latencies;

/**
 * What the exchanges of one step saw besides what the load runner counts: the client and server times of the quotes,
 * the server times of the confirmations, what the quotes granted, how many were confirmed and how many cancelled, and
 * the answers that broke the checkout contract.
 * Times are recorded in microseconds for the measured exchanges only; contract breaches and problems are kept from
 * the warm-up too. Thread-safe: the clients of a step share one tally.
 */
final class QuoteTally {

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int MAX_PROBLEMS_KEPT = 5;

    private final Histogram quoteMicros = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    private final Histogram quoteServerMicros = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    private final Histogram confirmServerMicros = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    private final LongAdder withOffers = new LongAdder();
    private final LongAdder spendingPoints = new LongAdder();
    private final LongAdder confirmations = new LongAdder();
    private final LongAdder cancellations = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder breaches = new LongAdder();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    /** A quote answered, whatever its status, after this many microseconds on the client. */
    void quoteAnswered(long micros) {
        quoteMicros.recordValue(micros);
    }

    /** A quote's time inside the server, from its {@code Server-Timing}. */
    void quoteServerTime(long micros) {
        quoteServerMicros.recordValue(micros);
    }

    /** A confirmation's time inside the server, from its {@code Server-Timing}. */
    void confirmServerTime(long micros) {
        confirmServerMicros.recordValue(micros);
    }

    /**
     * What a measured quote granted: at least one offer, points spent (a redemption or a reward paid with points).
     */
    void granted(boolean offers, boolean pointsSpent) {
        if (offers) {
            withOffers.increment();
        }
        if (pointsSpent) {
            spendingPoints.increment();
        }
    }

    /** A measured confirmation answered 201 or 200. */
    void confirmed() {
        confirmations.increment();
    }

    /** A measured cancellation answered 200 {@code cancelled}. */
    void cancelled() {
        cancellations.increment();
    }

    /** A measured confirmation refused with 409: the quote expired or its points were spent meanwhile. */
    void conflict() {
        conflicts.increment();
    }

    /** An answer that broke the contract (a 2xx without what it must carry): the run fails on any. */
    void breach(String format, Object... arguments) {
        breaches.increment();
        problem(format, arguments);
    }

    /** Something that went wrong and that the load runner counts already, kept to be shown. */
    void problem(String format, Object... arguments) {
        if (problems.size() < MAX_PROBLEMS_KEPT) {
            problems.add(String.format(Locale.ROOT, format, arguments));
        }
    }

    /** The client-side times of the measured quotes, from sending the request to the whole answer. */
    Latencies quotes() {
        return Latencies.fromMicros(quoteMicros);
    }

    /** The server-side times of the measured quotes answered 201. */
    Latencies quoteServer() {
        return Latencies.fromMicros(quoteServerMicros);
    }

    /** The server-side times of the measured confirmations answered 201 or 200. */
    Latencies confirmServer() {
        return Latencies.fromMicros(confirmServerMicros);
    }

    /** Measured quotes that granted at least one offer. */
    long withOffers() {
        return withOffers.sum();
    }

    /** Measured quotes that spent points. */
    long spendingPoints() {
        return spendingPoints.sum();
    }

    /** Measured confirmations answered 201 or 200. */
    long confirmations() {
        return confirmations.sum();
    }

    /** Measured cancellations answered 200 {@code cancelled}. */
    long cancellations() {
        return cancellations.sum();
    }

    /** Measured confirmations refused with 409. */
    long conflicts() {
        return conflicts.sum();
    }

    /** Answers that broke the contract, warm-up included. */
    long breaches() {
        return breaches.sum();
    }

    /** The first few things that went wrong, to show the user what to look at. */
    List<String> problems() {
        return List.copyOf(problems);
    }
}
