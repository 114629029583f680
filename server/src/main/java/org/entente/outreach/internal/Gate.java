package org.entente.outreach.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.outreach.Consent;
import org.entente.outreach.ContactChannel;
import org.entente.outreach.ContactPolicy;
import org.entente.outreach.Decision;
import org.entente.outreach.Outreach;
import org.entente.outreach.Preferences;
import org.entente.platform.Actor;
import org.entente.platform.Collisions;
import org.entente.profile.Identifier;
import org.entente.profile.ProfileView;
import org.entente.profile.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The contact gate at work: a batch of questions (one, or a campaign's thousand) decided in one transaction, with a
 * fixed number of statements whatever its size. Its persons are locked together, in one order; what the rules need
 * about them (preferences, consents, slots already reserved) is read in one query each; the verdicts are evaluated in
 * memory, in order (a slot reserved by one counts for the next), and kept in one statement. A batch that collides
 * with a parallel one is decided again.
 */
@Component
public class Gate {

    /** One checked question: about {@code profileId}, or about the person who holds {@code identifier}. */
    public record Check(UUID profileId, Identifier identifier, ContactChannel channel,
                        GateRules.MessageClass messageClass, String topic, String campaign, String key,
                        Instant sendAt) {
    }

    private final GateStore gate;
    private final OutreachStore store;
    private final MessageStore messages;
    private final PolicyStore policies;
    private final OutreachProperties properties;
    private final Profiles profiles;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    Gate(GateStore gate, OutreachStore store, MessageStore messages, PolicyStore policies,
         OutreachProperties properties, Profiles profiles, TransactionTemplate transactions, Clock clock) {
        this.gate = gate;
        this.store = store;
        this.messages = messages;
        this.policies = policies;
        this.properties = properties;
        this.profiles = profiles;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The verdicts, in the order asked. A key decided before (or earlier in the batch) answers that verdict again. */
    public List<Decision> decide(List<Check> checks) {
        return Collisions.retry(10, () -> transactions.execute(status -> decideOnce(checks)));
    }

    private List<Decision> decideOnce(List<Check> checks) {
        Instant now = clock.instant();
        Set<UUID> asked = new HashSet<>();
        checks.stream().filter(c -> c.profileId() != null).forEach(c -> asked.add(c.profileId()));
        Map<UUID, UUID> roots = profiles.resolveAll(asked);
        Map<Identifier, UUID> holders = profiles.resolveIdentifiers(checks.stream().map(Check::identifier)
                .filter(java.util.Objects::nonNull).toList());
        List<UUID> whom = new ArrayList<>(checks.size());
        Set<UUID> persons = new LinkedHashSet<>();
        for (Check c : checks) {
            UUID root = c.profileId() != null ? roots.get(c.profileId()) : holders.get(c.identifier());
            whom.add(root);
            if (root != null) {
                persons.add(root);
            }
        }

        // Nobody may contact an erased person again: their profile id or any identifier they have is suppressed.
        Map<UUID, List<String>> hashesOf = new HashMap<>();
        Map<UUID, List<Identifier>> identifiers = profiles.identifiersOf(persons);
        Set<String> hashes = new HashSet<>();
        for (UUID person : persons) {
            List<String> own = new ArrayList<>();
            own.add(Suppression.hash(person));
            identifiers.getOrDefault(person, List.of()).forEach(identifier -> own.add(Suppression.hash(identifier)));
            hashesOf.put(person, own);
            hashes.addAll(own);
        }
        checks.stream().filter(c -> c.identifier() != null).forEach(c -> hashes.add(Suppression.hash(c.identifier())));
        Set<String> suppressed = gate.suppressed(hashes);
        Set<UUID> open = new LinkedHashSet<>();
        for (UUID person : persons) {
            if (hashesOf.get(person).stream().noneMatch(suppressed::contains)) {
                open.add(person);
            }
        }

        gate.lock(open, now);
        // Read after the lock: a parallel sender of the same key has committed its verdict by now.
        Map<String, Decision> known = gate.byKeys(checks.stream().map(Check::key).distinct().toList());
        Map<UUID, Preferences> preferences = open.isEmpty() ? Map.of() : store.preferences(open);
        Map<UUID, List<Consent>> consents = open.isEmpty() ? Map.of() : store.consents(open);
        ContactPolicy policy = policies.current();
        Preferences unchosen = Preferences.defaults(properties.topics());
        GateRules.Periods[] periods = new GateRules.Periods[checks.size()];
        Instant from = null;
        Instant to = null;
        for (int i = 0; i < checks.size(); i++) {
            if (open.contains(whom.get(i))) {
                GateRules.Periods p = GateRules.Periods.around(checks.get(i).sendAt(),
                        zone(preferences.get(whom.get(i))));
                periods[i] = p;
                from = from == null || p.weekStart().isBefore(from) ? p.weekStart() : from;
                from = p.monthStart().isBefore(from) ? p.monthStart() : from;
                to = to == null || p.weekEnd().isAfter(to) ? p.weekEnd() : to;
                to = p.monthEnd().isAfter(to) ? p.monthEnd() : to;
            }
        }
        Map<UUID, List<GateRules.Slot>> slots = from == null ? new HashMap<>() : gate.slots(open, from, to);

        List<Decision> answers = new ArrayList<>(checks.size());
        List<GateStore.Verdict> fresh = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            Decision prior = known.get(c.key());
            if (prior != null) {
                answers.add(prior.asReplay());
                continue;
            }
            UUID root = whom.get(i);
            Decision decision;
            if (root == null) {
                boolean erased = c.identifier() != null && suppressed.contains(Suppression.hash(c.identifier()));
                decision = new Decision(ids.generate(), c.key(), null, Decision.Verdict.DENY,
                        List.of(erased ? "suppressed" : "unknown_person"), null, c.sendAt(), now, false);
            } else if (!open.contains(root)) {
                decision = new Decision(ids.generate(), c.key(), root, Decision.Verdict.DENY, List.of("suppressed"),
                        null, c.sendAt(), now, false);
            } else {
                Preferences chosen = preferences.getOrDefault(root, unchosen);
                List<GateRules.Slot> reserved = slots.computeIfAbsent(root, person -> new ArrayList<>());
                GateRules.Outcome outcome = evaluate(root, c.channel(), c.messageClass(), c.topic(), c.sendAt(),
                        chosen, consents.getOrDefault(root, List.of()), policy, GateRules.count(reserved,
                                c.channel().code(), c.topic(), periods[i]));
                decision = new Decision(ids.generate(), c.key(), root, outcome.verdict(), outcome.reasons(),
                        outcome.deferUntil(), c.sendAt(), now, false);
                if (outcome.verdict() == Decision.Verdict.ALLOW) {
                    reserved.add(new GateRules.Slot(c.channel().code(), c.topic(), c.sendAt()));
                }
            }
            known.put(c.key(), decision);
            fresh.add(new GateStore.Verdict(decision, c.channel().code(), c.messageClass().code(), c.topic(),
                    c.campaign()));
            answers.add(decision);
        }
        gate.insert(fresh, Actor.current().name());
        return answers;
    }

    /**
     * Checks a message that holds its slot already, just before it goes (its slot is not counted twice): a consent
     * withdrawn, a pause or an erasure since it was allowed stops it.
     */
    public GateRules.Outcome recheck(UUID person, ContactChannel channel, GateRules.MessageClass messageClass,
                                     String topic, Instant at) {
        return recheck(person, List.of(channel), messageClass, topic, at).getFirst();
    }

    /**
     * The same check for several channels at once, from one reading of the person: what they chose, their consents,
     * whether they were erased. Nothing is reserved.
     *
     * @return an outcome per channel, in the order given
     */
    public List<GateRules.Outcome> recheck(UUID person, List<ContactChannel> channels,
                                           GateRules.MessageClass messageClass, String topic, Instant at) {
        return transactions.execute(status -> {
            Optional<UUID> root = profiles.resolve(person);
            if (root.isEmpty()) {
                return channels.stream().map(channel -> new GateRules.Outcome(Decision.Verdict.DENY,
                        List.of("unknown_person"), null)).toList();
            }
            List<String> hashes = new ArrayList<>();
            hashes.add(Suppression.hash(root.get()));
            profiles.identifiers(root.get()).forEach(identifier -> hashes.add(Suppression.hash(identifier)));
            if (!gate.suppressed(hashes).isEmpty()) {
                return channels.stream().map(channel -> new GateRules.Outcome(Decision.Verdict.DENY,
                        List.of("suppressed"), null)).toList();
            }
            Preferences chosen = store.preferences(root.get(), false)
                    .orElseGet(() -> Preferences.defaults(properties.topics()));
            List<Consent> consents = store.consents(root.get());
            ContactPolicy policy = policies.current();
            return channels.stream().map(channel -> evaluate(root.get(), channel, messageClass, topic, at, chosen,
                    consents, policy, GateRules.Reserved.NONE)).toList();
        });
    }

    private GateRules.Outcome evaluate(UUID root, ContactChannel channel, GateRules.MessageClass messageClass,
                                       String topic, Instant sendAt, Preferences preferences, List<Consent> consents,
                                       ContactPolicy policy, GateRules.Reserved reserved) {
        if (policy.quietHours() != null && !policy.quietHours().countries().isEmpty()) {
            policy = policy.forCountry(profiles.find(root).map(Gate::country).orElse(null));
        }
        Instant rested = restedUntil(consents, policy);
        if (messageClass == GateRules.MessageClass.MARKETING && policy.fatigue().unopenedInARow() > 0) {
            Instant unopened = messages.unopenedSince(root, policy.fatigue().unopenedInARow());
            if (unopened != null) {
                Instant end = unopened.plus(Duration.ofDays(policy.fatigue().daysAfterUnopened()));
                rested = rested == null || end.isAfter(rested) ? end : rested;
            }
        }
        return GateRules.evaluate(channel, messageClass, topic, sendAt, preferences, policy,
                marketingGranted(consents, channel), rested, reserved, zone(preferences));
    }

    /** The person's time zone: their quiet hours', or the default one. Their days, weeks and months are counted in it. */
    private ZoneId zone(Preferences preferences) {
        return preferences != null && preferences.quietHours() != null
                ? ZoneId.of(preferences.quietHours().timezone()) : properties.defaultTimezone();
    }

    /** The country of the person's address (ISO 3166 alpha-2, upper case), if they gave one. */
    private static String country(ProfileView profile) {
        Object country = profile.attributes() == null || profile.attributes().address() == null ? null
                : profile.attributes().address().get("country");
        return country instanceof String code ? code.strip().toUpperCase(Locale.ROOT) : null;
    }

    /** Until when marketing rests after the person's latest unsubscribe or complaint (null: it does not). */
    private static Instant restedUntil(List<Consent> consents, ContactPolicy policy) {
        Instant until = null;
        for (Consent c : consents) {
            int days = switch (c.noticeVersion()) {
                case ContactSignals.UNSUBSCRIBED -> policy.fatigue().daysAfterUnsubscribe();
                case ContactSignals.COMPLAINED -> policy.fatigue().daysAfterComplaint();
                default -> 0;
            };
            if (c.status() == Consent.Status.WITHDRAWN && days > 0) {
                Instant end = c.givenAt().plus(Duration.ofDays(days));
                until = until == null || end.isAfter(until) ? end : until;
            }
        }
        return until;
    }

    /** Whether the person's latest marketing consent for this channel (or for any channel) is a grant. */
    private static boolean marketingGranted(List<Consent> consents, ContactChannel channel) {
        Consent latest = null;
        for (Consent c : consents) {
            if (c.purpose().equals("marketing") && (c.channel().equals(channel.code())
                    || c.channel().equals(Outreach.ANY_CHANNEL))
                    && (latest == null || !c.givenAt().isBefore(latest.givenAt()))) {
                latest = c;
            }
        }
        return latest != null && latest.status() == Consent.Status.GRANTED;
    }
}
