package org.entente.bench.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;

/**
 * The gate's verdicts on the questions of one part of a run (the campaign, the single decisions), by verdict and by
 * reason, and the answers that broke the gate's contract: a decision for another idempotency key than the one asked
 * (the batch endpoint answers in order), a verdict other than {@code allow}, {@code defer} or {@code deny}, or a replay
 * of a key the run never sent before. Breaches and problems are kept from the warm-up too. Thread-safe: the clients of
 * a part share one tally.
 */
final class VerdictTally {

    /** The reason the gate gives for a person it does not know. */
    static final String UNKNOWN_PERSON = "unknown_person";

    private static final int MAX_PROBLEMS_KEPT = 5;

    private final LongAdder allowed = new LongAdder();
    private final LongAdder deferred = new LongAdder();
    private final LongAdder denied = new LongAdder();
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private final LongAdder breaches = new LongAdder();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    /** A verdict of the gate. */
    enum Verdict {
        ALLOW, DEFER, DENY;

        static Optional<Verdict> of(String code) {
            return switch (code) {
                case "allow" -> Optional.of(ALLOW);
                case "defer" -> Optional.of(DEFER);
                case "deny" -> Optional.of(DENY);
                default -> Optional.empty();
            };
        }
    }

    /**
     * A decision as answered.
     *
     * @param verdict what the gate decided
     * @param reasons why, as codes; empty for an allow
     */
    record Decided(Verdict verdict, List<String> reasons) {

        Decided {
            reasons = List.copyOf(reasons);
        }

        boolean unknownPerson() {
            return reasons.contains(UNKNOWN_PERSON);
        }
    }

    /**
     * Reads one decision of an answer to the question with idempotency key {@code key}, noting a breach of the
     * contract; empty if it has no verdict.
     *
     * @param target what was asked, to name it in a problem, e.g. {@code POST /api/v1/outreach/decisions for x}
     */
    Optional<Decided> read(JsonNode decision, String key, String target) {
        String answeredKey = decision.path("idempotencyKey").asString("");
        if (!answeredKey.equals(key)) {
            breach("%s answered the decision of idempotency key '%s' where '%s' was asked", target, answeredKey, key);
        }
        if (decision.path("replayed").asBoolean(false)) {
            breach("%s answered a replay for the new idempotency key %s", target, key);
        }
        var verdict = Verdict.of(decision.path("verdict").asString(""));
        if (verdict.isEmpty()) {
            breach("%s answered without a verdict allow, defer or deny for %s: %s", target, key, decision);
            return Optional.empty();
        }
        var codes = new ArrayList<String>();
        decision.path("reasons").forEach(reason -> codes.add(reason.asString("")));
        return Optional.of(new Decided(verdict.get(), codes));
    }

    /** Counts a decision. */
    void count(Decided decided) {
        (switch (decided.verdict()) {
            case ALLOW -> allowed;
            case DEFER -> deferred;
            case DENY -> denied;
        }).increment();
        decided.reasons().forEach(reason -> reasons.computeIfAbsent(reason, code -> new LongAdder()).increment());
    }

    /** An answer that broke the contract: the run fails on any. */
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

    long allowed() {
        return allowed.sum();
    }

    long deferred() {
        return deferred.sum();
    }

    long denied() {
        return denied.sum();
    }

    /** Every decision counted, whatever its verdict. */
    long verdicts() {
        return allowed() + deferred() + denied();
    }

    /** Decisions counted with the reason {@value #UNKNOWN_PERSON}. */
    long unknownPersons() {
        return reasons(UNKNOWN_PERSON);
    }

    /** Decisions counted with this reason. */
    long reasons(String code) {
        var count = reasons.get(code);
        return count == null ? 0 : count.sum();
    }

    /** How many decisions gave each reason, by reason code. */
    Map<String, Long> reasons() {
        var counts = new TreeMap<String, Long>();
        reasons.forEach((code, count) -> counts.put(code, count.sum()));
        return counts;
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
