package org.entente.intake.internal;

import org.entente.platform.Collisions;
import org.entente.profile.IncomingEvent;
import org.entente.profile.Profiles;
import org.entente.profile.RecordedEvent;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records checked events and stores the rejected ones: when this returns, everything is committed (principle 2). A
 * batch is recorded in parts of {@value #PART} events, each in its own transaction; if a part fails for good, the
 * parts before it stay recorded and sending the batch again finds them as duplicates. Concurrent batches about the
 * same new person or the same event id collide on a primary key or a lock; the loser's transaction is retried, and
 * then sees what the winner wrote.
 */
@Service
public class IngestService {

    static final int MAX_ATTEMPTS = 10;
    /** Events per transaction: a batch is recorded in parts of this many events. */
    static final int PART = 50;

    private final Profiles profiles;
    private final RejectionStore rejections;
    private final TransactionTemplate transactions;
    private final Clock clock;

    IngestService(Profiles profiles, RejectionStore rejections, TransactionTemplate transactions, Clock clock) {
        this.profiles = profiles;
        this.rejections = rejections;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What became of each event of a request, in order. */
    public record Outcome(CheckedEvent event, RecordedEvent recorded) {

        public boolean accepted() {
            return recorded != null && recorded.outcome() == RecordedEvent.Outcome.ACCEPTED;
        }

        public boolean duplicate() {
            return recorded != null && recorded.outcome() == RecordedEvent.Outcome.DUPLICATE;
        }
    }

    /**
     * @param storeRejections whether rejected events go to the rejections list (an import keeps its own)
     * @throws DataAccessException when storage keeps failing: the request must be sent again (events with an id
     *                             already recorded are then answered as duplicates)
     */
    public List<Outcome> ingest(List<CheckedEvent> events, String sender, IntakeSource source,
                                boolean storeRejections) {
        return ingest(events, sender, source, storeRejections, PART);
    }

    /**
     * @param part events per transaction: small for concurrent requests, large for one writer alone (an import)
     */
    public List<Outcome> ingest(List<CheckedEvent> events, String sender, IntakeSource source,
                                boolean storeRejections, int part) {
        List<IncomingEvent> valid = new ArrayList<>();
        List<CheckedEvent.Rejected> rejected = new ArrayList<>();
        for (CheckedEvent event : events) {
            switch (event) {
                case CheckedEvent.Valid(IncomingEvent incoming) -> valid.add(incoming);
                case CheckedEvent.Rejected r -> rejected.add(r);
            }
        }
        List<CheckedEvent.Rejected> toStore = storeRejections ? rejected : List.of();
        // Small transactions: each locks few persons, so concurrent batches seldom wait for each other (a batch of
        // 500 random persons in one transaction shares persons with nearly every other batch and queues behind it).
        List<RecordedEvent> recorded = new ArrayList<>(valid.size());
        int from = 0;
        do {
            List<IncomingEvent> slice = valid.subList(from, Math.min(valid.size(), from + part));
            List<CheckedEvent.Rejected> partRejections = from == 0 ? toStore : List.of();
            recorded.addAll(Collisions.retry(MAX_ATTEMPTS, () -> record(slice, partRejections, sender, source)));
            from += part;
        } while (from < valid.size());
        // By identity: two equal events of one request (a repeated id) have different outcomes.
        Map<IncomingEvent, RecordedEvent> byEvent = new IdentityHashMap<>();
        for (int i = 0; i < valid.size(); i++) {
            byEvent.put(valid.get(i), recorded.get(i));
        }
        List<Outcome> outcomes = new ArrayList<>(events.size());
        for (CheckedEvent event : events) {
            outcomes.add(new Outcome(event, event instanceof CheckedEvent.Valid(IncomingEvent incoming)
                    ? byEvent.get(incoming) : null));
        }
        return outcomes;
    }

    private List<RecordedEvent> record(List<IncomingEvent> valid, List<CheckedEvent.Rejected> rejected,
                                       String sender, IntakeSource source) {
        return transactions.execute(status -> {
            List<RecordedEvent> outcomes = valid.isEmpty() ? List.of() : profiles.record(valid);
            rejections.store(rejected, sender, source, clock.instant());
            return outcomes;
        });
    }
}
