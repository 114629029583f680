package org.entente.outreach;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.outreach.internal.DeliveryProperties;
import org.entente.outreach.internal.Gate;
import org.entente.outreach.internal.GateRules;
import org.entente.outreach.internal.MessageStore;
import org.entente.outreach.internal.MessageTemplates;
import org.entente.outreach.internal.Transports;
import org.entente.platform.Actor;
import org.entente.platform.Collisions;
import org.entente.platform.CursorPage;
import org.entente.platform.Hashes;
import org.entente.platform.ProblemException;
import org.entente.platform.ProblemException.FieldError;
import org.entente.profile.Channel;
import org.entente.profile.IdentifierType;
import org.entente.profile.ProfileView;
import org.entente.profile.Profiles;
import org.entente.profile.TimelineNote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Messages to persons, through the contact gate: each passes the gate when it is asked for, waits in a durable queue
 * until its time (or until the gate allows it), is checked again just before it goes, and is handed to the SMTP
 * server (email) or to the signed webhook (every other channel). What became of it is kept and shown on the person's
 * timeline.
 * <p>
 * A message is sent at least once: a node that stops between handing a message over and recording it leaves it to be
 * sent again when its lease ends.
 */
@Service
public class Messages {

    private static final Logger log = LoggerFactory.getLogger(Messages.class);
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern BODY_CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final int MAX_BODY = 100_000;
    private static final int MAX_VARIABLES = 50;
    private static final int MAX_VARIABLE = 2_000;
    private static final int DUE_BATCH = 50;

    private final Outreach outreach;
    private final Gate gate;
    private final MessageStore store;
    private final MessageTemplates templates;
    private final Transports transports;
    private final DeliveryProperties delivery;
    private final Profiles profiles;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final ExecutorService kicks = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("outreach-send-", 0)
            .factory());
    private final AtomicBoolean kicked = new AtomicBoolean();

    @jakarta.annotation.PreDestroy
    void stop() {
        kicks.shutdownNow();
    }

    Messages(Outreach outreach, Gate gate, MessageStore store, MessageTemplates templates, Transports transports,
             DeliveryProperties delivery, Profiles profiles,
             TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.outreach = outreach;
        this.gate = gate;
        this.store = store;
        this.templates = templates;
        this.transports = transports;
        this.delivery = delivery;
        this.profiles = profiles;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    private record Checked(MessageRequest request, ContactChannel channel, GateRules.MessageClass messageClass,
                           Instant sendAt) {
    }

    /**
     * Sends a message through the gate: {@code denied} when the gate refuses it (with its reasons), {@code deferred}
     * until the gate may allow it, {@code queued} (its slot reserved) until its time, then sent. The same idempotency
     * key always answers the first message ({@code replayed}), never a second one.
     *
     * @throws ProblemException.BadRequest with every fault, field by field
     * @throws ProblemException.NotFound   when no profile has this id
     */
    public Message send(MessageRequest request) {
        Checked c = check(request);
        UUID root = outreach.root(request.profileId());
        Optional<Message> known = store.byKey(request.idempotencyKey());
        if (known.isPresent()) {
            return known.get().asReplay().shown();
        }
        ProfileView profile = profiles.find(root).orElseThrow(
                () -> new ProblemException.NotFound("problem.profile.notFound", request.profileId()));
        String locale = request.locale() != null ? request.locale() : language(profile);
        MessageTemplates.Rendered text = request.template() == null
                ? new MessageTemplates.Rendered(request.subject(), request.body())
                : templates.render(request.template(), request.variables() == null ? Map.of() : request.variables(),
                Locale.forLanguageTag(locale));
        String recipient = address(profile, c.channel());
        Instant now = clock.instant();
        Message.Status status;
        List<String> reasons;
        UUID decisionId = null;
        Instant next = null;
        if (recipient == null && needsAddress(c.channel())) {
            status = Message.Status.FAILED;
            reasons = List.of("no_address");
        } else {
            Decision decision = outreach.decide(new DecisionRequest(root, null, request.channel(),
                    request.messageClass(), request.topic(), request.campaign(),
                    gateKey(request.idempotencyKey(), 1), c.sendAt()));
            reasons = decision.reasons();
            switch (decision.verdict()) {
                case ALLOW -> {
                    status = Message.Status.QUEUED;
                    decisionId = decision.decisionId();
                    next = c.sendAt();
                }
                case DEFER -> {
                    status = Message.Status.DEFERRED;
                    next = earlier(decision.deferUntil(), request.expiresAt());
                }
                default -> status = Message.Status.DENIED;
            }
        }
        Message message = new Message(ids.generate(), request.idempotencyKey(), root, c.channel().code(),
                c.messageClass().code(), request.topic(), request.campaign(), request.template(), locale, recipient,
                text.subject(), text.body(), status, reasons, decisionId, 0, c.sendAt(), request.expiresAt(), next,
                now, Actor.current().name(), null, null, null, now, false);
        Message saved = Collisions.retry(5, () -> transactions.execute(tx -> {
            Optional<Message> raced = store.byKey(request.idempotencyKey());
            if (raced.isPresent()) {
                return raced.get().asReplay();
            }
            store.insert(message);
            if (!message.status().waiting()) {
                note(message, message.status(), message.reasons(), now);
            }
            if (message.nextAttemptAt() != null && !message.nextAttemptAt().isAfter(now)) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        kick();
                    }
                });
            }
            return message;
        }));
        return saved.shown();
    }

    /** @throws ProblemException.NotFound when no message has this id */
    public Message message(UUID id) {
        return store.byId(id).map(Message::shown)
                .orElseThrow(() -> new ProblemException.NotFound("problem.outreach.messageNotFound", id));
    }

    /** The person's messages, newest first. */
    public CursorPage<Message> messages(UUID personId, String before, int limit) {
        CursorPage<Message> page = store.ofPerson(outreach.root(personId), before, limit);
        return new CursorPage<>(page.items().stream().map(Message::shown).toList(), page.next());
    }

    /**
     * Records what the delivery provider reports about a sent message, and puts it on the person's timeline.
     *
     * @throws ProblemException.BadRequest an unknown type, or a time in the future
     * @throws ProblemException.NotFound   when no message has this id
     * @throws ProblemException.Conflict   {@code not_sent}: the message was not sent
     */
    public Message report(UUID id, DeliveryReport report) {
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        if (report.type() == null) {
            errors.add(new FieldError("type", "NotNull", "problem.field.required"));
        } else if (!List.of("delivered", "opened", "clicked", "bounced").contains(report.type())) {
            errors.add(new FieldError("type", "OneOf", "problem.outreach.report"));
        }
        if (report.at() != null && report.at().isAfter(now.plusSeconds(300))) {
            errors.add(new FieldError("at", "Future", "problem.outreach.future"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        Instant at = report.at() == null ? now : report.at();
        return transactions.execute(tx -> {
            Message message = message(id);
            if (!store.report(id, report.type(), at, now)) {
                throw ProblemException.Conflict.coded("not_sent", "problem.outreach.notSent", id);
            }
            String type = report.type().equals("clicked") ? "opened" : report.type();
            note(message, "message." + type, "message:" + id + ":" + type, List.of(), at);
            return message(id);
        });
    }

    /**
     * Sends what is due: messages whose time has come, deferred ones whose wait is over (checked by the gate again),
     * retries. Expired ones are dropped. Runs on a schedule and right after a message due now is accepted.
     *
     * @return how many messages it settled or moved on
     */
    public synchronized int dispatchDue() {
        int done = 0;
        List<MessageStore.Due> due;
        do {
            Instant now = clock.instant();
            due = transactions.execute(tx -> store.due(now, DUE_BATCH));
            for (MessageStore.Due one : due) {
                try {
                    if (dispatch(one)) {
                        done++;
                    }
                } catch (RuntimeException e) {
                    log.warn("Message {} could not be dispatched; it is tried again when its lease ends", one.id(), e);
                }
            }
        } while (due.size() == DUE_BATCH);
        return done;
    }

    private void kick() {
        if (kicked.compareAndSet(false, true)) {
            kicks.execute(() -> {
                kicked.set(false);
                try {
                    dispatchDue();
                } catch (RuntimeException e) {
                    log.warn("Sending due messages failed; the schedule tries again", e);
                }
            });
        }
    }

    private boolean dispatch(MessageStore.Due due) {
        Instant now = clock.instant();
        Message m = transactions.execute(tx -> store.claim(due, now.plus(delivery.lease()), now)
                ? store.byId(due.id()).orElse(null) : null);
        if (m == null) {
            return false;
        }
        if (m.expiresAt() != null && !now.isBefore(m.expiresAt())) {
            List<String> reasons = new ArrayList<>(List.of("expired"));
            reasons.addAll(m.reasons());
            settle(m, Message.Status.DROPPED, reasons, null, now);
            return true;
        }
        ContactChannel channel = ContactChannel.fromCode(m.channel()).orElseThrow();
        GateRules.MessageClass messageClass = GateRules.MessageClass.valueOf(m.messageClass().toUpperCase(Locale.ROOT));
        UUID decisionId = m.decisionId();
        if (m.status() == Message.Status.QUEUED) {
            GateRules.Outcome outcome = gate.recheck(m.profileId(), channel, messageClass, m.topic(), now);
            if (outcome.verdict() == Decision.Verdict.DENY) {
                settle(m, Message.Status.CANCELLED, outcome.reasons(), null, now);
                return true;
            }
            if (outcome.verdict() == Decision.Verdict.DEFER) {
                waitFor(m, outcome.reasons(), outcome.deferUntil(), now);
                return true;
            }
        } else {
            int check = transactions.execute(tx -> store.nextGateCheck(m.id()));
            Decision decision = outreach.decide(new DecisionRequest(m.profileId(), null, m.channel(),
                    m.messageClass(), m.topic(), m.campaign(), gateKey(m.idempotencyKey(), check), now));
            switch (decision.verdict()) {
                case DENY -> {
                    settle(m, Message.Status.CANCELLED, decision.reasons(), null, now);
                    return true;
                }
                case DEFER -> {
                    waitFor(m, decision.reasons(), decision.deferUntil(), now);
                    return true;
                }
                case ALLOW -> {
                    decisionId = decision.decisionId();
                    UUID held = decisionId;
                    transactions.executeWithoutResult(tx -> store.update(m.id(), Message.Status.QUEUED, List.of(),
                            held, now.plus(delivery.lease()), now));
                }
            }
        }
        Transports.Outcome outcome = transports.send(m);
        Instant after = clock.instant();
        transactions.executeWithoutResult(tx -> {
            if (outcome.sent()) {
                store.attempted(m.id(), true, List.of(), null, after);
                note(m, Message.Status.SENT, List.of(), after);
            } else if (outcome.retry() && m.attempts() + 1 < delivery.maxAttempts()) {
                Instant retryAt = after.plus(delivery.retryDelay().multipliedBy(1L << Math.min(m.attempts(), 20)));
                store.attempted(m.id(), false, List.of(outcome.reason()), earlier(retryAt, m.expiresAt()), after);
            } else {
                store.attempted(m.id(), false, List.of(outcome.reason()), null, after);
                note(m, Message.Status.FAILED, List.of(outcome.reason()), after);
            }
        });
        return true;
    }

    /** Back to the queue without a slot, until the gate may allow it (or it expires). */
    private void waitFor(Message m, List<String> reasons, Instant until, Instant now) {
        transactions.executeWithoutResult(tx -> store.update(m.id(), Message.Status.DEFERRED, reasons, null,
                earlier(until, m.expiresAt()), now));
    }

    private void settle(Message m, Message.Status status, List<String> reasons, UUID decisionId, Instant now) {
        transactions.executeWithoutResult(tx -> {
            store.update(m.id(), status, reasons, decisionId, null, now);
            note(m, status, reasons, now);
        });
    }

    private void note(Message m, Message.Status status, List<String> reasons, Instant at) {
        note(m, "message." + status.code(), "message:" + m.id() + ":" + status.code(), reasons, at);
    }

    private void note(Message m, String type, String noteId, List<String> reasons, Instant at) {
        Optional<UUID> person = profiles.resolve(m.profileId());
        if (person.isEmpty()) {
            return;
        }
        ObjectNode properties = json.createObjectNode();
        properties.put("messageId", m.id().toString());
        properties.put("channel", m.channel());
        properties.put("class", m.messageClass());
        properties.put("topic", m.topic());
        properties.put("subject", m.subject());
        properties.putPOJO("reasons", reasons);
        profiles.note(person.get(), new TimelineNote(noteId, type, at, timelineChannel(m.channel()),
                json.writeValueAsString(properties)));
    }

    private static Channel timelineChannel(String channel) {
        return switch (channel) {
            case "email" -> Channel.EMAIL;
            case "sms" -> Channel.SMS;
            case "push" -> Channel.APP;
            case "phone" -> Channel.CALL_CENTER;
            case "whatsapp" -> Channel.CHAT;
            default -> Channel.OTHER;
        };
    }

    /** The gate's idempotency key of a message's n-th check: the same for parallel senders of the same message. */
    private static String gateKey(String idempotencyKey, int check) {
        return "message:" + Hashes.sha256(idempotencyKey) + "#" + check;
    }

    private static boolean needsAddress(ContactChannel channel) {
        return channel == ContactChannel.EMAIL || channel == ContactChannel.SMS || channel == ContactChannel.PHONE
                || channel == ContactChannel.WHATSAPP;
    }

    /** Where the message goes: the person's email address, their phone number, their device; null when unknown. */
    private static String address(ProfileView profile, ContactChannel channel) {
        IdentifierType type = switch (channel) {
            case EMAIL -> IdentifierType.EMAIL;
            case SMS, PHONE, WHATSAPP -> IdentifierType.PHONE;
            case PUSH -> IdentifierType.DEVICE_ID;
            case POST -> null;
        };
        return profile.identifiers().stream().filter(identifier -> identifier.type() == type)
                .map(ProfileView.IdentifierView::value).findFirst().orElse(null);
    }

    /** The person's language when Entente speaks it, English otherwise. */
    private static String language(ProfileView profile) {
        String locale = profile.attributes() == null ? null : profile.attributes().locale();
        return locale != null && Locale.forLanguageTag(locale.replace('_', '-')).getLanguage().equals("fr") ? "fr"
                : "en";
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private Checked check(MessageRequest r) {
        List<FieldError> errors = new ArrayList<>();
        Instant now = clock.instant();
        if (r.profileId() == null) {
            errors.add(new FieldError("profileId", "NotNull", "problem.field.required"));
        }
        Outreach.Addressed addressed = outreach.checkAddressed(errors, r.channel(), r.messageClass(), r.topic(),
                r.campaign(), r.idempotencyKey());
        ContactChannel channel = addressed.channel();
        if ((r.body() == null) == (r.template() == null)) {
            errors.add(new FieldError("body", "BodyOrTemplate", "problem.outreach.bodyOrTemplate"));
        }
        if (r.body() != null && (r.body().isBlank() || r.body().length() > MAX_BODY
                || BODY_CONTROL.matcher(r.body()).find())) {
            errors.add(new FieldError("body", "Text", "problem.outreach.text", MAX_BODY));
        }
        if (r.template() != null && !MessageTemplates.NAMES.contains(r.template())) {
            errors.add(new FieldError("template", "Template", "problem.outreach.template",
                    String.join(", ", MessageTemplates.NAMES)));
        }
        if (r.template() != null && r.subject() != null) {
            errors.add(new FieldError("subject", "Null", "problem.outreach.bodyOrTemplate"));
        }
        if (r.subject() != null && (r.subject().isBlank() || r.subject().length() > 500
                || CONTROL.matcher(r.subject()).find())) {
            errors.add(new FieldError("subject", "Text", "problem.outreach.text", 500));
        }
        if (channel == ContactChannel.EMAIL && r.body() != null && r.subject() == null) {
            errors.add(new FieldError("subject", "NotNull", "problem.outreach.subjectRequired"));
        }
        if (r.variables() != null && (r.template() == null || r.variables().size() > MAX_VARIABLES
                || r.variables().entrySet().stream().anyMatch(v -> !VARIABLE.matcher(v.getKey()).matches()
                || v.getValue() == null || v.getValue().length() > MAX_VARIABLE
                || BODY_CONTROL.matcher(v.getValue()).find()))) {
            errors.add(new FieldError("variables", "Variables", "problem.outreach.variables", MAX_VARIABLES,
                    MAX_VARIABLE));
        }
        if (r.locale() != null && !List.of("en", "fr").contains(r.locale())) {
            errors.add(new FieldError("locale", "Locale", "problem.outreach.locale"));
        }
        Instant sendAt = r.sendAt() == null || r.sendAt().isBefore(now) ? now : r.sendAt();
        if (sendAt.isAfter(now.plus(Duration.ofDays(366)))) {
            errors.add(new FieldError("sendAt", "Range", "problem.outreach.sendAt"));
        }
        if (r.expiresAt() != null && (!r.expiresAt().isAfter(sendAt) || !r.expiresAt().isAfter(now))) {
            errors.add(new FieldError("expiresAt", "Range", "problem.outreach.expiresAt"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        return new Checked(r, channel, addressed.messageClass(), sendAt);
    }
}
