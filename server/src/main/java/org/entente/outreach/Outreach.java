package org.entente.outreach;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.outreach.internal.GateRules;
import org.entente.outreach.internal.Gate;
import org.entente.outreach.internal.GateStore;
import org.entente.outreach.internal.MessageStore;
import org.entente.outreach.internal.OutreachProperties;
import org.entente.outreach.internal.OutreachStore;
import org.entente.outreach.internal.PolicyStore;
import org.entente.outreach.internal.PreferencesValidator;
import org.entente.loyalty.LedgerEntry;
import org.entente.loyalty.Loyalty;
import org.entente.platform.Actor;
import org.entente.platform.PageRequest;
import org.entente.platform.AuditLog;
import org.entente.platform.CursorPage;
import org.entente.platform.Hashes;
import org.entente.platform.ProblemException;
import org.entente.platform.ProblemException.FieldError;
import org.entente.profile.Channel;
import org.entente.profile.Identifier;
import org.entente.profile.IdentifierNormaliser;
import org.entente.profile.IdentifierType;
import org.entente.profile.PersonErased;
import org.entente.profile.ProfileView;
import org.entente.profile.Profiles;
import org.entente.profile.TimelineEntry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The outreach module's entry point: what a person chose about being contacted, and the consent ledger. A person is
 * addressed by any id of their profile: a merged-away id answers for the person it was merged into.
 */
@Service
public class Outreach {

    /** The channel a consent not tied to one is recorded on. */
    public static final String ANY_CHANNEL = "any";
    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern NOTICE = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final OutreachStore store;
    private final MessageStore messages;
    private final GateStore decisions;
    private final Gate gate;
    private final PolicyStore policies;
    private final OutreachProperties properties;
    private final Profiles profiles;
    private final Loyalty loyalty;
    private final IdentifierNormaliser normaliser;
    private final AuditLog audit;
    private final Clock clock;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    Outreach(OutreachStore store, MessageStore messages, GateStore decisions, Gate gate, PolicyStore policies,
             OutreachProperties properties, Profiles profiles, Loyalty loyalty, IdentifierNormaliser normaliser,
             AuditLog audit, Clock clock) {
        this.loyalty = loyalty;
        this.store = store;
        this.messages = messages;
        this.decisions = decisions;
        this.gate = gate;
        this.policies = policies;
        this.properties = properties;
        this.profiles = profiles;
        this.normaliser = normaliser;
        this.audit = audit;
        this.clock = clock;
    }

    /** The topics a brand speaks about and a person may choose among ({@code entente.outreach.topics}). */
    public List<String> topics() {
        return properties.topics();
    }

    /**
     * What the person chose; {@link Preferences#defaults} when they never chose anything.
     *
     * @throws ProblemException.NotFound when no profile has this id
     */
    @Transactional(readOnly = true)
    public Preferences preferences(UUID personId) {
        return store.preferences(root(personId), false).orElseGet(() -> Preferences.defaults(properties.topics()));
    }

    /**
     * Saves what the person chose, in force at once, and records who changed it and through which channel.
     *
     * @param basedOn the version edited, to be refused if somebody changed the preferences meanwhile
     * @param source  the channel through which the change was made ({@code web}, {@code store}, {@code call_center}...)
     * @throws ProblemException.BadRequest with every fault, field by field
     * @throws ProblemException.Conflict   {@code stale_preferences}
     */
    @Transactional
    public Preferences savePreferences(UUID personId, Preferences preferences, Optional<Integer> basedOn,
                                       Channel source) {
        List<FieldError> errors = PreferencesValidator.validate(preferences, properties.topics());
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        UUID root = root(personId);
        Actor actor = Actor.current();
        Preferences saved = store.save(root, preferences.topics() == null ? withAllTopics(preferences) : preferences,
                basedOn.orElse(null), ids.generate(), clock.instant(), actor.name(), source.code());
        audit.record(actor, "outreach.preferences_changed", root.toString(),
                Map.of("version", saved.version(), "source", source.code()));
        return saved;
    }

    private Preferences withAllTopics(Preferences p) {
        return new Preferences(p.version(), p.updatedAt(), p.updatedBy(), p.channels(), properties.topics(),
                p.overall(), p.quietHours(), p.pausedUntil(), p.onlyWhenAsked(), p.preferredChannel());
    }

    /** The changes of the person's preferences, newest first. */
    @Transactional(readOnly = true)
    public CursorPage<PreferenceChange> preferenceChanges(UUID personId, String before, int limit) {
        return store.changes(root(personId), before, limit);
    }

    /**
     * Appends a record to the consent ledger: in force at once, withdrawing as easily as granting. Audited.
     *
     * @throws ProblemException.BadRequest with every fault, field by field
     */
    @Transactional
    public Consent recordConsent(UUID personId, ConsentRequest request) {
        Instant now = clock.instant();
        Consent consent = check(request, root(personId), now);
        store.insert(consent);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("purpose", consent.purpose());
        details.put("channel", consent.channel());
        details.put("status", consent.status().code());
        details.put("actor", consent.actor().code());
        audit.record("outreach.consent_recorded", consent.personId().toString(), details);
        return consent;
    }

    /** Where the person's consents stand: per purpose and channel, the latest record. */
    @Transactional(readOnly = true)
    public ConsentState consents(UUID personId) {
        UUID root = root(personId);
        Map<String, ConsentState.Current> current = new LinkedHashMap<>();
        for (Consent c : store.consents(root)) {
            String key = c.purpose() + "/" + c.channel();
            ConsentState.Current known = current.get(key);
            // The latest given wins: a record entered late for an earlier moment does not overturn a newer one.
            if (known == null || !c.givenAt().isBefore(known.since())) {
                current.put(key, new ConsentState.Current(c.purpose(), c.channel(), c.status(), c.givenAt(),
                        c.noticeVersion(), c.id()));
            }
        }
        return new ConsentState(root, List.copyOf(current.values()));
    }

    /** The person's consent records, newest first. */
    @Transactional(readOnly = true)
    public CursorPage<Consent> consentHistory(UUID personId, String before, int limit) {
        return store.consentHistory(root(personId), before, limit);
    }

    /**
     * The contact gate: may this message go to this person? Checks their consent, the channels and topics they
     * accept, their limits per day, week and month, quiet hours, pause and "only when I ask", and answers allow,
     * defer or deny with every reason. An allow reserves the slot at once, under the person's lock: parallel senders
     * never exceed a limit. The same idempotency key always answers the first verdict. Every verdict is kept.
     *
     * @throws ProblemException.BadRequest with every fault of the request, field by field
     */
    public Decision decide(DecisionRequest request) {
        return gate.decide(List.of(checkDecision(request))).getFirst();
    }

    /**
     * May the brand write to the person now, on each channel, and if not, why: a marketing message about no topic in
     * particular, asked of the gate without reserving anything.
     *
     * @throws ProblemException.NotFound when no profile has this id
     */
    public List<Reachability> reachability(UUID personId) {
        UUID root = root(personId);
        Instant now = clock.instant();
        List<ContactChannel> channels = List.of(ContactChannel.values());
        List<GateRules.Outcome> outcomes = gate.recheck(root, channels, GateRules.MessageClass.MARKETING, null, now);
        List<Reachability> answers = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            GateRules.Outcome outcome = outcomes.get(i);
            answers.add(new Reachability(channels.get(i), outcome.verdict(), outcome.reasons(),
                    outcome.deferUntil()));
        }
        return answers;
    }

    /** The gate's latest verdicts about the person, newest first. */
    @Transactional(readOnly = true)
    public List<Decision> recentDecisions(UUID personId, int limit) {
        return decisions.recent(root(personId), limit);
    }

    /**
     * What the gate answered in {@code [from, to)} (by decision time): verdicts of each kind and the reasons given
     * for denials and deferrals. A replayed verdict counts once. One aggregate query on the index of the decision
     * time.
     */
    @Transactional(readOnly = true)
    public GateVerdicts verdicts(Instant from, Instant to) {
        return decisions.verdicts(from, to);
    }

    /** The brand's contact policy in force ({@link ContactPolicy#NONE} until one is saved). */
    @Transactional(readOnly = true)
    public ContactPolicy policy() {
        return policies.current();
    }

    /**
     * Saves a new version of the brand's contact policy, in force at once. It can only make a person's limits
     * stricter. Audited.
     *
     * @throws ProblemException.BadRequest with every fault
     * @throws ProblemException.Conflict   {@code stale_policy}
     */
    @Transactional
    public ContactPolicy savePolicy(ContactPolicy policy, Optional<Integer> basedOn) {
        List<FieldError> errors = PolicyStore.validate(policy, properties.topics());
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        Actor actor = Actor.current();
        ContactPolicy saved = policies.save(policy, basedOn.orElse(null), clock.instant(), actor.name());
        audit.record(actor, "outreach.policy_saved", "v" + saved.version(), Map.of("version", saved.version()));
        return saved;
    }

    /**
     * Everything Entente holds on the person, as one document. Audited: who exported whose data (so the transaction
     * writes).
     *
     * @throws ProblemException.NotFound when no profile has this id
     */
    @Transactional
    public PersonalData export(UUID personId, Locale locale) {
        UUID root = root(personId);
        ProfileView profile = profiles.find(root).orElseThrow();
        List<TimelineEntry> events = new ArrayList<>();
        String cursor = null;
        do {
            CursorPage<TimelineEntry> page = profiles.timeline(root, Set.of(), Set.of(), cursor, PageRequest.MAX_LIMIT);
            events.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        List<LedgerEntry> ledger = new ArrayList<>();
        cursor = null;
        do {
            CursorPage<LedgerEntry> page = loyalty.ledger(root, cursor, PageRequest.MAX_LIMIT);
            ledger.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        List<Consent> consents = new ArrayList<>(store.consents(root));
        java.util.Collections.reverse(consents);
        PersonalData data = new PersonalData(clock.instant(), profile, events, loyalty.status(root, locale), ledger,
                store.preferences(root, false).orElseGet(() -> Preferences.defaults(properties.topics())),
                store.allChanges(root), consents, decisions.decisions(root),
                messages.allOf(root).stream().map(Message::shown).toList());
        audit.record("outreach.data_exported", root.toString(), Map.of("events", events.size()));
        return data;
    }

    /** The most decisions one batch may ask for. */
    public static final int MAX_BATCH = 1000;

    /**
     * Many decisions at once (a campaign), each as {@link #decide} makes it, in order. Nothing is decided when one of
     * them is invalid.
     *
     * @throws ProblemException.BadRequest with every fault, as {@code decisions[i].field}
     */
    public List<Decision> decideAll(List<DecisionRequest> requests) {
        List<FieldError> errors = new ArrayList<>();
        List<Gate.Check> checked = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i) == null) {
                errors.add(new FieldError("decisions[" + i + "]", "NotNull", "problem.field.required"));
                continue;
            }
            try {
                checked.add(checkDecision(requests.get(i)));
            } catch (ProblemException.BadRequest e) {
                for (FieldError error : e.fieldErrors()) {
                    errors.add(new FieldError("decisions[" + i + "]." + error.field(), error.code(),
                            error.messageKey(), error.args()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        return gate.decide(checked);
    }

    /**
     * Erases the person's personal data everywhere (the right to erasure): identifiers deleted, traits and event
     * properties emptied, rejected payloads and quotes naming them deleted, consent evidence removed. Only hashed
     * suppression entries remain, so that no later import makes them contactable again. Audited. Not reversible.
     *
     * @throws ProblemException.NotFound when no profile has this id
     */
    @Transactional
    public Erasure erase(UUID personId) {
        PersonErased erased = profiles.erase(personId);
        audit.record("outreach.person_erased", erased.personId().toString(),
                Map.of("identifiers", erased.identifiers().size(), "persons", erased.members().size()));
        return new Erasure(erased.personId(), erased.identifiers().size(), erased.at());
    }

    /** What an erasure did: how many identifiers it deleted, when. */
    public record Erasure(UUID personId, int identifiersErased, Instant erasedAt) {
    }

    /** What a gate question and a message both say: the channel, the class of message, and their checks. */
    record Addressed(ContactChannel channel, GateRules.MessageClass messageClass) {
    }

    /** Checks the fields a gate question and a message share, adding every fault to {@code errors}. */
    Addressed checkAddressed(List<FieldError> errors, String channelCode, String messageClass, String topic,
                             String campaign, String idempotencyKey) {
        ContactChannel channel = null;
        if (channelCode == null) {
            errors.add(new FieldError("channel", "NotNull", "problem.field.required"));
        } else {
            channel = ContactChannel.fromCode(channelCode).orElse(null);
            if (channel == null) {
                errors.add(new FieldError("channel", "Channel", "problem.outreach.channel"));
            }
        }
        GateRules.MessageClass checkedClass = parse(errors, "class", messageClass, GateRules.MessageClass.class, true);
        if (topic != null && !properties.topics().contains(topic)) {
            errors.add(new FieldError("topic", "Topic", "problem.outreach.topic", String.join(", ",
                    properties.topics())));
        }
        if (campaign != null && (campaign.isBlank() || campaign.length() > 200 || CONTROL.matcher(campaign).find())) {
            errors.add(new FieldError("campaign", "Text", "problem.outreach.text", 200));
        }
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            errors.add(new FieldError("idempotencyKey", "NotBlank", "problem.field.notBlank"));
        } else if (idempotencyKey.length() > 200 || CONTROL.matcher(idempotencyKey).find()) {
            errors.add(new FieldError("idempotencyKey", "Text", "problem.outreach.text", 200));
        }
        return new Addressed(channel, checkedClass);
    }

    private Gate.Check checkDecision(DecisionRequest r) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Identifier> identifier = Optional.empty();
        if (r.profileId() == null) {
            if (r.identifiers() == null || r.identifiers().isEmpty()) {
                errors.add(new FieldError("profileId", "NotNull", "problem.outreach.who"));
            } else if (r.identifiers().size() > 1) {
                errors.add(new FieldError("identifiers", "Size", "problem.outreach.oneIdentifier"));
            } else {
                Map.Entry<String, String> only = r.identifiers().entrySet().iterator().next();
                Optional<IdentifierType> type = IdentifierType.fromCode(only.getKey());
                if (type.isEmpty() || only.getValue() == null) {
                    errors.add(new FieldError("identifiers." + only.getKey(), "Identifier",
                            "problem.outreach.identifier"));
                } else if (normaliser.normalise(type.get(), only.getValue())
                        instanceof IdentifierNormaliser.Result.Valid(Identifier valid)) {
                    identifier = Optional.of(valid);
                } else {
                    errors.add(new FieldError("identifiers." + only.getKey(), "Identifier",
                            "problem.outreach.identifier"));
                }
            }
        }
        Addressed addressed = checkAddressed(errors, r.channel(), r.messageClass(), r.topic(), r.campaign(),
                r.idempotencyKey());
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        return new Gate.Check(r.profileId(), identifier.orElse(null), addressed.channel(), addressed.messageClass(),
                r.topic(), r.campaign(),
                r.idempotencyKey(), r.sendAt() == null ? clock.instant() : r.sendAt());
    }

    private Consent check(ConsentRequest r, UUID person, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String purpose = r.purpose();
        if (purpose == null) {
            errors.add(new FieldError("purpose", "NotNull", "problem.field.required"));
        } else if (!PURPOSE.matcher(purpose).matches() || !properties.purposes().contains(purpose)) {
            errors.add(new FieldError("purpose", "Purpose", "problem.outreach.purpose",
                    String.join(", ", properties.purposes())));
        }
        String channel = r.channel() == null ? ANY_CHANNEL : r.channel();
        if (!channel.equals(ANY_CHANNEL) && ContactChannel.fromCode(channel).isEmpty()) {
            errors.add(new FieldError("channel", "Channel", "problem.outreach.consentChannel"));
        }
        Consent.Status status = parse(errors, "status", r.status(), Consent.Status.class, true);
        if (r.source() == null) {
            errors.add(new FieldError("source", "NotNull", "problem.field.required"));
        } else if (Channel.fromCode(r.source()).isEmpty()) {
            errors.add(new FieldError("source", "Source", "problem.outreach.source"));
        }
        Consent.Actor actor = parse(errors, "actor", r.actor(), Consent.Actor.class, true);
        if (r.noticeVersion() == null) {
            errors.add(new FieldError("noticeVersion", "NotNull", "problem.field.required"));
        } else if (!NOTICE.matcher(r.noticeVersion()).matches()) {
            errors.add(new FieldError("noticeVersion", "Notice", "problem.outreach.notice"));
        }
        Consent.LegalBasis basis = r.legalBasis() == null ? Consent.LegalBasis.CONSENT
                : parse(errors, "legalBasis", r.legalBasis(), Consent.LegalBasis.class, false);
        Instant givenAt = r.givenAt() == null ? now : r.givenAt();
        if (givenAt.isAfter(now.plusSeconds(300))) {
            errors.add(new FieldError("givenAt", "Future", "problem.outreach.future"));
        }
        String ipHash = null;
        String userAgent = null;
        if (r.evidence() != null) {
            String ip = r.evidence().ip();
            if (ip != null) {
                if (ip.isBlank() || ip.length() > 45 || !ip.matches("[0-9A-Fa-f.:]+")) {
                    errors.add(new FieldError("evidence.ip", "Ip", "problem.outreach.ip"));
                } else {
                    ipHash = Hashes.sha256(ip.toLowerCase(Locale.ROOT));
                }
            }
            userAgent = r.evidence().userAgent();
            if (userAgent != null && (userAgent.length() > 500 || CONTROL.matcher(userAgent).find())) {
                errors.add(new FieldError("evidence.userAgent", "Text", "problem.outreach.text", 500));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        return new Consent(ids.generate(), person, purpose, channel, status, r.source(), actor,
                Actor.current().name(), r.noticeVersion(), basis, givenAt, now, ipHash, userAgent);
    }

    private static <E extends Enum<E>> E parse(List<FieldError> errors, String field, String value, Class<E> type,
                                               boolean required) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "NotNull", "problem.field.required"));
            }
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        errors.add(new FieldError(field, "OneOf", "problem.outreach.oneOf", String.join(", ", allowed)));
        return null;
    }

    UUID root(UUID personId) {
        return profiles.resolve(personId)
                .orElseThrow(() -> new ProblemException.NotFound("problem.profile.notFound", personId));
    }
}
