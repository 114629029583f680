package org.entente.bench.ingest;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.entente.bench.load.LoadRunner;

/**
 * Measures what loyalty costs the ingestion of events: the plan's batches are cut into {@code rounds} contiguous
 * slices of equal size, give or take a batch, sent one after the other, in the plan's order, with the loyalty
 * program paused or active: off, on, on, off, and again. The database grows during the run, which slows the later
 * slices whatever the program; with a multiple of {@link #PATTERN} rounds, each condition gets as many early slices
 * as late ones. A condition's figures are those of its slices together; the time spent switching the program
 * between slices is not counted.
 */
final class LoyaltyComparison {

    /** How many slices the order off, on, on, off takes before it repeats. */
    static final int PATTERN = 4;

    private static final String NAME = "POST " + BatchSender.EVENTS_PATH;

    private final BatchSender sender;
    private final int clients;
    private final int rounds;
    private final PrintWriter progress;

    /**
     * @param rounds   slices, a positive multiple of {@link #PATTERN} and at most the sender's batches
     * @param progress where to say how each slice went
     */
    LoyaltyComparison(BatchSender sender, int clients, int rounds, PrintWriter progress) {
        this.sender = Objects.requireNonNull(sender, "sender");
        if (rounds < PATTERN || rounds % PATTERN != 0 || rounds > sender.batches()) {
            throw new IllegalArgumentException("rounds must be a multiple of " + PATTERN + " from " + PATTERN
                    + " to the " + sender.batches() + " batches: " + rounds);
        }
        this.clients = clients;
        this.rounds = rounds;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * What the two conditions measured.
     *
     * @param without the slices sent with the program paused
     * @param with    the slices sent with the program active
     */
    record Outcome(Sent without, Sent with) {

        /** Every slice, as one. */
        Sent all() {
            return Sent.combine(NAME, List.of(without, with));
        }

        /** Events per second with loyalty over events per second without; 0 if nothing was sent without. */
        double loyaltyRatio() {
            double withoutRate = without.eventsPerSecond();
            return withoutRate == 0 ? 0 : with.eventsPerSecond() / withoutRate;
        }
    }

    /** Whether loyalty is active during slice {@code slice}, counted from 0: off, on, on, off, and again. */
    private static boolean loyaltyOn(int slice) {
        int position = slice % PATTERN;
        return position == 1 || position == 2;
    }

    /** The first batch of slice {@code slice}, counted from 0; that of slice {@code rounds} is the end of the plan. */
    private long firstBatch(int slice) {
        return slice * sender.batches() / rounds;
    }

    /**
     * Sends every slice, setting the program's active flag with {@code loyalty} before each; leaves the flag as the
     * last slice had it.
     */
    Outcome run(LoyaltySwitch loyalty) throws InterruptedException {
        var without = new ArrayList<Sent>();
        var with = new ArrayList<Sent>();
        for (int slice = 0; slice < rounds; slice++) {
            boolean on = loyaltyOn(slice);
            loyalty.set(on);
            long from = firstBatch(slice);
            long to = firstBatch(slice + 1);
            say("slice %d of %d, loyalty %s: batches %d to %d", slice + 1, rounds, on ? "on" : "off", from, to - 1);
            long acknowledgedBefore = sender.acknowledgedEvents();
            var result = LoadRunner.runAll(NAME, clients, to - from, batch -> sender.send(from + batch));
            var sent = new Sent(result, sender.acknowledgedEvents() - acknowledgedBefore);
            say("  %d events acknowledged in %.1f s: %.1f events/s", sent.events(), sent.seconds(),
                    sent.eventsPerSecond());
            (on ? with : without).add(sent);
        }
        return new Outcome(Sent.combine(NAME + " without loyalty", without),
                Sent.combine(NAME + " with loyalty", with));
    }

    private void say(String format, Object... arguments) {
        progress.printf(Locale.ROOT, format + "%n", arguments);
        progress.flush();
    }
}
