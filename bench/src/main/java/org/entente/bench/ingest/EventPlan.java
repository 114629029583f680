package org.entente.bench.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.entente.bench.workload.Draws;

/**
 * Who does what in an ingest run, decided before any event is sent: the person behind each event, which persons
 * are first seen anonymously and at which of their events they sign in, and what each person's profile must show
 * once every event is in.
 *
 * <p>It keeps a few numbers per person and nothing per event: the person and type of event {@code n} are the first
 * draws of a random stream that depends only on (seed, n), so any event can be regenerated from its number, on any
 * thread. Building the plan reads those first draws for every event three times, which takes a fraction of a
 * second for a million events. Immutable once built, and thread-safe.
 */
final class EventPlan {

    /** Persons who only ever browse anonymously. */
    static final double VISITOR_SHARE = 0.05;
    /** Persons who browse anonymously first, then sign in with an identify carrying both identities. */
    static final double ANONYMOUS_FIRST_SHARE = 0.20;
    /** Of the events of a signed-in person, the share of purchases, then of identifies; the rest are page views. */
    static final double PURCHASE_SHARE = 0.16;
    static final double IDENTIFY_SHARE = 0.14;

    private static final long PERSON_DRAWS = 0x243F6A8885A308D3L;
    private static final long EVENT_DRAWS = 0x13198A2E03707344L;
    private static final long SAMPLE_DRAWS = 0xA4093822299F31D0L;
    private static final long NEVER = -1;

    /** How a person shows up. */
    enum Kind {
        /** Signed in from the first event: every event carries the customer id. */
        KNOWN,
        /** Page views with an anonymous id only, then an identify linking it to the customer id, then known. */
        ANONYMOUS_FIRST,
        /** Page views with an anonymous id only. */
        VISITOR
    }

    /** What a person's event carries, given where it falls in their story. */
    enum Stage {
        /** The anonymous id only: a page view. */
        ANONYMOUS,
        /** The identify that links the anonymous id to the customer id and e-mail. */
        SIGNING_IN,
        /** The customer id: a purchase, a page view or an identify. */
        KNOWN
    }

    /**
     * The plan's decisions for one event, and the random stream to draw its details from: positioned after the
     * plan's own draws, so that the details are the same every time the event is generated.
     */
    record Slot(long event, int person, Stage stage, Event.Type type, SplittableRandom random) {
    }

    private final long seed;
    private final long events;
    private final Kind[] kinds;
    private final int[] eventCounts;
    private final int[] purchaseCounts;
    private final long[] signInAt;

    /**
     * @throws IllegalArgumentException if {@code persons} or {@code events} is less than 1
     */
    EventPlan(long seed, int persons, long events) {
        if (persons < 1 || events < 1) {
            throw new IllegalArgumentException("persons and events must be at least 1: " + persons + ", " + events);
        }
        this.seed = seed;
        this.events = events;
        this.kinds = new Kind[persons];
        double[] signInDraws = new double[persons];
        for (int person = 0; person < persons; person++) {
            var random = Draws.at(seed, PERSON_DRAWS, person);
            double kind = random.nextDouble();
            kinds[person] = kind < VISITOR_SHARE ? Kind.VISITOR
                    : kind < VISITOR_SHARE + ANONYMOUS_FIRST_SHARE ? Kind.ANONYMOUS_FIRST
                    : Kind.KNOWN;
            signInDraws[person] = random.nextDouble();
        }
        this.eventCounts = new int[persons];
        for (long event = 0; event < events; event++) {
            eventCounts[personOf(Draws.at(seed, EVENT_DRAWS, event))]++;
        }
        this.signInAt = findSignIns(signInDraws);
        this.purchaseCounts = new int[persons];
        for (long event = 0; event < events; event++) {
            var slot = slot(event);
            if (slot.type() == Event.Type.PURCHASE) {
                purchaseCounts[slot.person()]++;
            }
        }
    }

    /**
     * The event at which each anonymous-first person signs in: one of their events after the first, so that at
     * least one anonymous page view comes before. A person with a single event never signs in.
     */
    private long[] findSignIns(double[] signInDraws) {
        int persons = kinds.length;
        int[] signInOrdinal = new int[persons];
        for (int person = 0; person < persons; person++) {
            boolean signsIn = kinds[person] == Kind.ANONYMOUS_FIRST && eventCounts[person] >= 2;
            signInOrdinal[person] = signsIn ? 1 + (int) (signInDraws[person] * (eventCounts[person] - 1)) : -1;
        }
        long[] at = new long[persons];
        Arrays.fill(at, NEVER);
        int[] seen = new int[persons];
        for (long event = 0; event < events; event++) {
            int person = personOf(Draws.at(seed, EVENT_DRAWS, event));
            if (seen[person]++ == signInOrdinal[person]) {
                at[person] = event;
            }
        }
        return at;
    }

    long events() {
        return events;
    }

    int persons() {
        return kinds.length;
    }

    /** The plan's decisions for event {@code event}, from 0 to {@link #events()} - 1. */
    Slot slot(long event) {
        var random = Draws.at(seed, EVENT_DRAWS, event);
        int person = personOf(random);
        double typeDraw = random.nextDouble();
        var stage = stage(event, person);
        var type = switch (stage) {
            case ANONYMOUS -> Event.Type.PAGE_VIEW;
            case SIGNING_IN -> Event.Type.IDENTIFY;
            case KNOWN -> typeDraw < PURCHASE_SHARE ? Event.Type.PURCHASE
                    : typeDraw < PURCHASE_SHARE + IDENTIFY_SHARE ? Event.Type.IDENTIFY
                    : Event.Type.PAGE_VIEW;
        };
        return new Slot(event, person, stage, type, random);
    }

    private Stage stage(long event, int person) {
        return switch (kinds[person]) {
            case KNOWN -> Stage.KNOWN;
            case VISITOR -> Stage.ANONYMOUS;
            case ANONYMOUS_FIRST -> {
                long at = signInAt[person];
                if (at == NEVER || event < at) {
                    yield Stage.ANONYMOUS;
                }
                yield event == at ? Stage.SIGNING_IN : Stage.KNOWN;
            }
        };
    }

    /**
     * The first draw of an event's stream: its person. Drawing the index as {@code persons × u^1.5} makes low
     * indexes busier, like the few very active customers of a real customer base, while every index stays
     * possible.
     */
    private int personOf(SplittableRandom random) {
        double u = random.nextDouble();
        return (int) (kinds.length * u * Math.sqrt(u));
    }

    Kind kind(int person) {
        return kinds[person];
    }

    /** Whether the person's profile is reachable by customer id: known, or signed in after browsing anonymously. */
    boolean identified(int person) {
        return kinds[person] == Kind.KNOWN || signInAt[person] != NEVER;
    }

    /** The event at which an anonymous-first person signs in, or -1 if they never do. */
    long signInAt(int person) {
        return signInAt[person];
    }

    /** How many events the person has, all identities together: what their profile must count. */
    int eventCount(int person) {
        return eventCounts[person];
    }

    /** How many purchases, hence orders, the person has. */
    int purchaseCount(int person) {
        return purchaseCounts[person];
    }

    /**
     * Up to {@code size} distinct persons with at least one event, drawn at random from the seed; every such person,
     * in index order, if there are no more than {@code size}.
     */
    List<Integer> sample(int size) {
        var active = IntStream.range(0, kinds.length).filter(person -> eventCounts[person] > 0).boxed().toList();
        if (size >= active.size()) {
            return active;
        }
        var random = Draws.at(seed, SAMPLE_DRAWS, 0);
        var chosen = new LinkedHashSet<Integer>();
        while (chosen.size() < size) {
            chosen.add(active.get(random.nextInt(active.size())));
        }
        return new ArrayList<>(chosen);
    }
}
