package org.entente.checkout.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.entente.checkout.Confirmation;
import org.entente.checkout.Quote;
import org.entente.checkout.QuoteRequest;
import org.entente.loyalty.Loyalty;
import org.entente.loyalty.LoyaltyStatus;
import org.entente.loyalty.Standing;
import org.entente.loyalty.PointsChange;
import org.entente.loyalty.Program;
import org.entente.platform.Collisions;
import org.entente.platform.Money;
import org.entente.platform.ProblemException;
import org.entente.platform.ProblemException.FieldError;
import org.entente.profile.Channel;
import org.entente.profile.EventFacts;
import org.entente.profile.Identifier;
import org.entente.profile.IdentifierNormaliser;
import org.entente.profile.IdentifierType;
import org.entente.profile.IncomingEvent;
import org.entente.profile.ProfileView;
import org.entente.profile.Profiles;
import org.entente.profile.RecordedEvent;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Quotes: price, hold, confirm, cancel, expire. */
@Service
public class QuoteService {

    static final int MAX_ITEMS = 200;
    static final int MAX_QUANTITY = 999;
    static final int MAX_IDENTIFIERS = 10;
    static final long MAX_POINTS = 100_000_000L;
    static final int RECOMMENDATIONS = 3;
    static final int WISHES = 5;
    /** A SKU bought within this many days is not recommended. */
    static final int RECENTLY_DAYS = 90;
    private static final int MAX_ATTEMPTS = 10;
    private static final int MAX_TEXT = 200;
    private static final BigDecimal MAX_PRICE = BigDecimal.valueOf(1_000_000_000L);
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /** The identifiers a till is surest of come first: the first one known decides who the customer is. */
    private static final List<IdentifierType> RECOGNITION_ORDER = List.of(IdentifierType.LOYALTY_CARD,
            IdentifierType.CUSTOMER_ID, IdentifierType.PAYMENT_TOKEN, IdentifierType.EMAIL, IdentifierType.PHONE,
            IdentifierType.DEVICE_ID, IdentifierType.ANONYMOUS_ID);

    private final Profiles profiles;
    private final IdentifierNormaliser normaliser;
    private final Loyalty loyalty;
    private final OfferStore offers;
    private final CheckoutStore states;
    private final QuoteStore quotes;
    private final Recommendations recommendations;
    private final CheckoutRecorder recorder;
    private final MessageSource messages;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final CheckoutProperties properties;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    QuoteService(Profiles profiles, IdentifierNormaliser normaliser, Loyalty loyalty, OfferStore offers,
                 CheckoutStore states, QuoteStore quotes, Recommendations recommendations, CheckoutRecorder recorder,
                 MessageSource messages, TransactionTemplate transactions, JsonMapper json, Clock clock,
                 CheckoutProperties properties) {
        this.profiles = profiles;
        this.normaliser = normaliser;
        this.loyalty = loyalty;
        this.offers = offers;
        this.states = states;
        this.quotes = quotes;
        this.recommendations = recommendations;
        this.recorder = recorder;
        this.messages = messages;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    // --- quote ----------------------------------------------------------------------------------------------------

    private record Checked(List<Identifier> identifiers, Channel channel, String store, Currency currency,
                           List<Pricing.Line> lines, long redeemPoints) {
    }

    /** A customer recognised, with what a quote needs of them. */
    private record Recognised(UUID person, Standing standing, CustomerState state) {
    }

    public Quote quote(QuoteRequest request, Locale locale) {
        Checked checked = check(request);
        UUID id = ids.generate();
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            Optional<Recognised> recognised = recognise(checked.identifiers(), locale);
            Optional<UUID> person = recognised.map(Recognised::person);
            Priced priced = price(checked, recognised, now, locale);
            long hold = priced.priced().pointsCost() + priced.redeemPoints();
            Quote answer = answer(id, "open", checked, person, priced, now, locale);
            QuoteStore.Row row = new QuoteStore.Row(id, person.orElse(null), QuoteStore.State.OPEN, now,
                    answer.expiresAt(), hold, null, null, stored(checked, priced, answer));
            try {
                if (hold == 0) {
                    // One statement, committed on its own: no transaction to open and close.
                    quotes.insert(row);
                    return answer;
                }
                return Collisions.retry(MAX_ATTEMPTS, () -> transactions.execute(status -> {
                    UUID holdId = loyalty.hold(person.orElseThrow(), hold, "quote:" + id, properties.quoteTtl()).id();
                    quotes.insert(row.held(holdId));
                    return answer;
                }));
            } catch (ProblemException.Conflict e) {
                // Another till took points between the read and the hold: price again with what is left.
                if (!"insufficient_points".equals(e.code()) || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /** The priced basket, the person's standing and what goes around it. */
    private record Priced(Pricing.Priced priced, Standing standing, CustomerState state, long redeemPoints,
                          BigDecimal redeemedValue, long toEarn, List<Recommendations.Suggestion> suggestions) {
    }

    private Priced price(Checked checked, Optional<Recognised> recognised, Instant now, Locale locale) {
        Catalog catalog = offers.catalog();
        Standing standing = recognised.map(Recognised::standing).orElse(Standing.NONE);
        CustomerState state = recognised.map(Recognised::state).orElse(CustomerState.empty());
        Pricing.Shopper shopper = null;
        ZoneId zone = loyalty.zone();
        if (recognised.isPresent()) {
            ProfileView profile = catalog.needsProfile()
                    ? profiles.find(recognised.get().person()).orElse(null) : null;
            List<Program.Benefit.MemberPrice> memberPrices = standing.benefits().stream()
                    .map(LoyaltyStatus.BenefitView::details)
                    .filter(Program.Benefit.MemberPrice.class::isInstance)
                    .map(Program.Benefit.MemberPrice.class::cast).toList();
            shopper = new Pricing.Shopper(standing.tier() == null ? null : standing.tier().code(), memberPrices,
                    state, profile == null ? null : profile.lifecycle(),
                    profile == null ? null : profile.attributes().birthDate(), standing.available());
        }
        Pricing.Priced priced = Pricing.price(catalog, checked.currency(), checked.channel(), checked.lines(),
                shopper, now, zone);
        long available = shopper == null ? 0 : shopper.points() - priced.pointsCost();
        long asked = Math.min(checked.redeemPoints(), Math.max(0, available));
        int scale = Math.max(0, checked.currency().getDefaultFractionDigits());
        BigDecimal rate = properties.pointsPerUnitOfCurrency();
        BigDecimal value = BigDecimal.valueOf(asked).divide(rate, scale, RoundingMode.DOWN).min(priced.total());
        long redeem = value.multiply(rate).setScale(0, RoundingMode.CEILING).longValueExact();
        BigDecimal paid = priced.total().subtract(value);
        long toEarn = loyalty.pointsFor(new EventFacts.Purchase("quote", new Money(paid, checked.currency()),
                Optional.ofNullable(checked.store()), items(checked.lines(), checked.currency())));
        CustomerState known = state;
        Instant recently = now.minus(java.time.Duration.ofDays(RECENTLY_DAYS));
        List<Recommendations.Suggestion> suggestions = recommendations.suggest(
                checked.lines().stream().map(Pricing.Line::sku).distinct().toList(),
                sku -> {
                    Instant last = known.lastBought(sku);
                    return last != null && last.isAfter(recently);
                }, RECOMMENDATIONS);
        return new Priced(priced, standing, state, redeem, value, toEarn, suggestions);
    }

    private Quote answer(UUID id, String state, Checked checked, Optional<UUID> person, Priced p, Instant now,
                         Locale locale) {
        Pricing.Priced priced = p.priced();
        Standing standing = p.standing();
        List<Quote.AppliedOffer> applied = priced.offers().stream().map(a -> new Quote.AppliedOffer(a.offer().id(),
                a.offer().kind(), label(a.offer().label(), locale), reason(a.reason(), locale), a.discount(),
                a.appliesTo(checked.lines()), a.pointsCost())).toList();
        List<Quote.Line> lines = new ArrayList<>();
        for (int i = 0; i < checked.lines().size(); i++) {
            Pricing.Line line = checked.lines().get(i);
            BigDecimal amount = line.amount().setScale(priced.subtotal().scale(), RoundingMode.UNNECESSARY);
            lines.add(new Quote.Line(line.sku(), line.name(), line.quantity(), line.unitPrice(),
                    priced.lineDiscounts()[i], amount.subtract(priced.lineDiscounts()[i])));
        }
        Map<String, String> names = new java.util.HashMap<>();
        checked.lines().forEach(l -> names.putIfAbsent(l.sku(), l.name() == null ? l.sku() : l.name()));
        List<Quote.Recommendation> recommended = p.suggestions().stream().map(s -> new Quote.Recommendation(s.sku(),
                messages.getMessage("checkout.recommendation.boughtWith", new Object[]{names.get(s.boughtWith())},
                        locale))).toList();
        Set<String> inBasket = new HashSet<>(names.keySet());
        List<Quote.WishlistItem> wishes = wishes(p.state(), inBasket, WISHES, locale);
        Quote.Points points = new Quote.Points(standing.balance(), standing.available(),
                priced.pointsCost() + p.redeemPoints(), p.redeemedValue(), p.toEarn());
        return new Quote(id, state, person.isPresent(), person.orElse(null),
                standing.tier() == null ? null : new Quote.Tier(standing.tier().code(), standing.tier().name()),
                standing.benefits().stream().map(b -> new Quote.Benefit(b.kind(), b.description())).toList(),
                applied, points, recommended, wishes, lines, checked.currency().getCurrencyCode(), priced.subtotal(),
                priced.discountTotal(), priced.total().subtract(p.redeemedValue()), now,
                now.plus(properties.quoteTtl()));
    }

    private StoredQuote stored(Checked checked, Priced p, Quote answer) {
        List<Pricing.Reward> rewards = p.priced().offers().stream().flatMap(a -> a.rewards().stream()).toList();
        Map<UUID, Long> rewarded = new java.util.HashMap<>();
        rewards.forEach(r -> rewarded.put(r.offerId(), p.state().rewarded(r.offerId())));
        return new StoredQuote(checked.identifiers().stream().map(Identifier::key).toList(),
                checked.channel().code(), checked.store(), checked.currency().getCurrencyCode(), checked.lines(),
                List.of(p.priced().lineDiscounts()), answer.total(), rewards, rewarded, p.toEarn(), null);
    }

    /**
     * Who the customer is, their loyalty standing and their state, in one database round trip: the first identifier
     * known, the surest first, decides.
     */
    private Optional<Recognised> recognise(List<Identifier> identifiers, Locale locale) {
        if (identifiers.isEmpty()) {
            return Optional.empty();
        }
        return states.recognise(profiles.recognition(surestFirst(identifiers)), loyalty::standingFields)
                .map(row -> new Recognised(row.get(CheckoutStore.PERSON, UUID.class), loyalty.standing(row, locale),
                        states.stateOf(row)));
    }

    private static List<Identifier> surestFirst(List<Identifier> identifiers) {
        List<Identifier> ordered = new ArrayList<>(identifiers);
        ordered.sort(Comparator.comparing(i -> RECOGNITION_ORDER.indexOf(i.type())));
        return ordered;
    }

    /** The person the first known identifier belongs to, the surest first. */
    private Optional<UUID> recognise(List<Identifier> identifiers) {
        for (Identifier identifier : surestFirst(identifiers)) {
            Optional<UUID> person = profiles.resolve(identifier);
            if (person.isPresent()) {
                return person;
            }
        }
        return Optional.empty();
    }

    // --- confirm, cancel, expire ----------------------------------------------------------------------------------

    /**
     * @param eventId the id to record the purchase under (the till's own, if it will also send its journal), or
     *                null for {@code checkout:<orderId>}
     */
    public Confirmation confirm(UUID quoteId, String orderId, String eventId) {
        return Collisions.retry(MAX_ATTEMPTS, () -> transactions.execute(status -> confirmOnce(quoteId, orderId,
                eventId == null ? "checkout:" + orderId : eventId)));
    }

    private Confirmation confirmOnce(UUID quoteId, String orderId, String eventId) {
        QuoteStore.Row quote = quotes.lock(quoteId)
                .orElseThrow(() -> new ProblemException.NotFound("problem.checkout.quoteNotFound", quoteId));
        Instant now = clock.instant();
        switch (quote.state()) {
            case CONFIRMED -> {
                if (quote.orderId().equals(orderId)) {
                    return quote.content().confirmation().asReplay();
                }
                throw ProblemException.Conflict.coded("quote_confirmed", "problem.checkout.quoteConfirmed",
                        quote.orderId());
            }
            case CANCELLED -> throw ProblemException.Conflict.coded("quote_cancelled",
                    "problem.checkout.quoteCancelled");
            case EXPIRED -> throw expired(quote);
            case OPEN -> {
                if (!now.isBefore(quote.expiresAt())) {
                    throw expired(quote);
                }
            }
        }
        Optional<UUID> other = quotes.confirmedOrder(orderId);
        if (other.isPresent()) {
            throw ProblemException.Conflict.coded("order_confirmed", "problem.checkout.orderConfirmed", orderId,
                    other.get());
        }
        StoredQuote content = quote.content();
        Currency currency = Currency.getInstance(content.currency());
        UUID person = quote.personId();
        String recordedId = null;
        // The purchase first: a till's events lock the person before their points, and so does a confirm.
        if (!content.identifiers().isEmpty()) {
            RecordedEvent recorded = profiles.record(List.of(purchase(content, orderId, eventId, currency, quote,
                    now))).getFirst();
            recordedId = recorded.eventId();
            person = recorded.personId().or(() -> recognise(identifiers(content))).orElse(person);
        }
        if (person != null && !content.rewarded().isEmpty()) {
            // Under the person's lock: another order confirmed since this quote was given may have been granted the
            // same reward (two tills, or the web and a till, quoting the same fifth pack).
            CustomerState current = states.lock(List.of(person)).getOrDefault(person, CustomerState.empty());
            for (Map.Entry<UUID, Long> seen : content.rewarded().entrySet()) {
                if (current.rewarded(seen.getKey()) != seen.getValue()) {
                    throw ProblemException.Conflict.coded("quote_stale", "problem.checkout.quoteStale");
                }
            }
        }
        long redeemed = 0;
        if (quote.holdId() != null) {
            PointsChange change = loyalty.capture(quote.holdId(), orderId);
            redeemed = -change.entry().points();
        }
        if (person != null && !content.rewards().isEmpty()) {
            // One row per offer and SKU: a basket may list a SKU on several lines.
            Map<Map.Entry<UUID, String>, CheckoutStore.Reward> rows = new java.util.LinkedHashMap<>();
            for (Pricing.Reward r : content.rewards()) {
                CheckoutStore.Reward row = new CheckoutStore.Reward(orderId, r.offerId(), r.sku(), person, r.units(),
                        0, r.points());
                rows.merge(Map.entry(r.offerId(), r.sku()), row, (a, b) -> new CheckoutStore.Reward(orderId,
                        a.offerId(), a.sku(), a.personId(), a.units() + b.units(), 0, a.points() + b.points()));
            }
            states.insertRewards(List.copyOf(rows.values()));
            recorder.granted(person, content.rewards());
        }
        Confirmation confirmation = new Confirmation(quoteId, orderId, recordedId, person, content.currency(),
                content.total(), redeemed, content.toEarn(), now, false);
        quotes.confirm(quoteId, orderId, now, content.confirmed(confirmation));
        return confirmation;
    }

    private ProblemException expired(QuoteStore.Row quote) {
        return ProblemException.Conflict.coded("quote_expired", "problem.checkout.quoteExpired", quote.expiresAt());
    }

    private IncomingEvent purchase(StoredQuote content, String orderId, String eventId, Currency currency,
                                   QuoteStore.Row quote, Instant now) {
        ObjectNode properties = json.createObjectNode()
                .put("orderId", orderId)
                .put("total", content.total())
                .put("currency", content.currency())
                .put("quoteId", quote.id().toString())
                .put("pointsRedeemed", quote.points());
        if (content.store() != null) {
            properties.put("store", content.store());
        }
        ArrayNode items = properties.putArray("items");
        for (int i = 0; i < content.lines().size(); i++) {
            Pricing.Line line = content.lines().get(i);
            ObjectNode item = items.addObject().put("sku", line.sku()).put("quantity", line.quantity())
                    .put("unitPrice", line.unitPrice()).put("discount", content.lineDiscounts().get(i));
            if (line.name() != null) {
                item.put("name", line.name());
            }
            if (line.brand() != null) {
                item.put("brand", line.brand());
            }
            if (line.category() != null) {
                item.put("category", line.category());
            }
        }
        EventFacts.Purchase facts = new EventFacts.Purchase(orderId, new Money(content.total(), currency),
                Optional.ofNullable(content.store()), items(content.lines(), currency));
        return new IncomingEvent(eventId, "purchase", now, Channel.fromCode(content.channel()).orElseThrow(),
                identifiers(content), json.writeValueAsString(properties), facts, Optional.empty(), Optional.empty());
    }

    private static List<Identifier> identifiers(StoredQuote content) {
        return content.identifiers().stream().map(key -> {
            int colon = key.indexOf(':');
            return new Identifier(IdentifierType.fromCode(key.substring(0, colon)).orElseThrow(),
                    key.substring(colon + 1));
        }).toList();
    }

    private static List<EventFacts.Item> items(List<Pricing.Line> lines, Currency currency) {
        return lines.stream().map(l -> new EventFacts.Item(l.sku(), Optional.ofNullable(l.brand()),
                Optional.ofNullable(l.category()), l.quantity(), new Money(l.unitPrice(), currency))).toList();
    }

    /**
     * Releases what an open quote holds; a quote already closed is answered as it is, and an open one past its
     * expiry is closed as expired.
     */
    public String cancel(UUID quoteId) {
        return Collisions.retry(MAX_ATTEMPTS, () -> transactions.execute(status -> {
            QuoteStore.Row quote = quotes.lock(quoteId)
                    .orElseThrow(() -> new ProblemException.NotFound("problem.checkout.quoteNotFound", quoteId));
            return switch (quote.state()) {
                case CONFIRMED -> throw ProblemException.Conflict.coded("quote_confirmed",
                        "problem.checkout.quoteConfirmed", quote.orderId());
                case OPEN -> {
                    QuoteStore.State closed = clock.instant().isBefore(quote.expiresAt()) ? QuoteStore.State.CANCELLED
                            : QuoteStore.State.EXPIRED;
                    close(quote, closed);
                    yield closed.code();
                }
                default -> quote.state().code();
            };
        }));
    }

    private void close(QuoteStore.Row quote, QuoteStore.State state) {
        if (quote.holdId() != null) {
            loyalty.release(quote.holdId());
        }
        quotes.close(quote.id(), state);
    }

    /**
     * Closes the open quotes past their expiry and releases their points; deletes the closed ones older than
     * {@code entente.checkout.quote-retention}.
     */
    public int expire() {
        int closed = 0;
        List<UUID> due;
        do {
            due = transactions.execute(status -> quotes.expired(clock.instant(), 500));
            for (UUID id : due) {
                closed += Collisions.retry(MAX_ATTEMPTS, () -> transactions.execute(status -> {
                    Optional<QuoteStore.Row> quote = quotes.lock(id);
                    if (quote.isEmpty() || quote.get().state() != QuoteStore.State.OPEN
                            || clock.instant().isBefore(quote.get().expiresAt())) {
                        return 0;
                    }
                    close(quote.get(), QuoteStore.State.EXPIRED);
                    return 1;
                }));
            }
        } while (due.size() == 500);
        Instant before = clock.instant().minus(properties.quoteRetention());
        transactions.executeWithoutResult(status -> quotes.purge(before));
        return closed;
    }

    // --- checks ---------------------------------------------------------------------------------------------------

    private Checked check(QuoteRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<Identifier> identifiers = new ArrayList<>();
        if (request.identifiers().size() > MAX_IDENTIFIERS) {
            errors.add(new FieldError("identifiers", "Size", "problem.checkout.tooMany", MAX_IDENTIFIERS));
        } else {
            request.identifiers().forEach((type, value) -> {
                String field = "identifiers." + type;
                Optional<IdentifierType> known = IdentifierType.fromCode(type);
                if (known.isEmpty()) {
                    errors.add(new FieldError(field, "UnknownType", "problem.profile.unknownIdentifierType", type));
                } else if (value == null || value.isBlank()) {
                    errors.add(new FieldError(field, "NotBlank", "problem.field.notBlank"));
                } else {
                    switch (normaliser.normalise(known.get(), value)) {
                        case IdentifierNormaliser.Result.Valid(Identifier identifier) -> identifiers.add(identifier);
                        case IdentifierNormaliser.Result.Invalid(String why) -> errors.add(new FieldError(field,
                                "InvalidIdentifier", "problem.checkout.identifier"));
                        case IdentifierNormaliser.Result.Blocked blocked -> {
                        }
                    }
                }
            });
        }
        Channel channel = null;
        if (request.channel() == null) {
            errors.add(new FieldError("channel", "NotNull", "problem.field.required"));
        } else {
            channel = Channel.fromCode(request.channel()).orElse(null);
            if (channel == null) {
                errors.add(new FieldError("channel", "Channel", "problem.checkout.channel"));
            }
        }
        Currency currency = null;
        if (request.currency() == null) {
            errors.add(new FieldError("currency", "NotNull", "problem.field.required"));
        } else {
            try {
                currency = Currency.getInstance(request.currency());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("currency", "Currency", "problem.checkout.currency"));
            }
        }
        String store = request.store() == null ? null : request.store().strip();
        if (store != null && (store.isEmpty() || !text(store))) {
            errors.add(new FieldError("store", "Text", "problem.checkout.text", MAX_TEXT));
        }
        if (request.items().isEmpty() || request.items().size() > MAX_ITEMS) {
            errors.add(new FieldError("items", "Size", "problem.checkout.items", MAX_ITEMS));
        }
        List<Pricing.Line> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(request.items().size(), MAX_ITEMS); i++) {
            QuoteRequest.Item item = request.items().get(i);
            String path = "items[" + i + "]";
            if (item == null) {
                errors.add(new FieldError(path, "NotNull", "problem.field.required"));
                continue;
            }
            int before = errors.size();
            if (item.sku() == null || item.sku().isBlank()) {
                errors.add(new FieldError(path + ".sku", "NotBlank", "problem.field.notBlank"));
            } else if (!text(item.sku())) {
                errors.add(new FieldError(path + ".sku", "Text", "problem.checkout.text", MAX_TEXT));
            }
            for (Map.Entry<String, String> field : java.util.Arrays.asList(Map.entry("name",
                    Objects.toString(item.name(), "")), Map.entry("brand", Objects.toString(item.brand(), "")),
                    Map.entry("category", Objects.toString(item.category(), "")))) {
                if (!field.getValue().isEmpty() && !text(field.getValue())) {
                    errors.add(new FieldError(path + "." + field.getKey(), "Text", "problem.checkout.text",
                            MAX_TEXT));
                }
            }
            if (item.quantity() == null) {
                errors.add(new FieldError(path + ".quantity", "NotNull", "problem.field.required"));
            } else if (item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
                errors.add(new FieldError(path + ".quantity", "Range", "problem.checkout.range", 1, MAX_QUANTITY));
            }
            if (item.unitPrice() == null) {
                errors.add(new FieldError(path + ".unitPrice", "NotNull", "problem.field.required"));
            } else if (item.unitPrice().signum() < 0 || item.unitPrice().compareTo(MAX_PRICE) > 0
                    || (currency != null && item.unitPrice().stripTrailingZeros().scale()
                    > Math.max(0, currency.getDefaultFractionDigits()))) {
                errors.add(new FieldError(path + ".unitPrice", "Amount", "problem.checkout.price"));
            }
            if (errors.size() == before && currency != null) {
                lines.add(new Pricing.Line(item.sku().strip(), blankToNull(item.name()), blankToNull(item.brand()),
                        blankToNull(item.category()), item.quantity(),
                        new Money(item.unitPrice(), currency).amount()));
            }
        }
        if (request.redeemPoints() < 0 || request.redeemPoints() > MAX_POINTS) {
            errors.add(new FieldError("redeemPoints", "Range", "problem.checkout.range", 0, MAX_POINTS));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        return new Checked(identifiers, channel, store, currency, lines, request.redeemPoints());
    }

    private static boolean text(String value) {
        return value.length() <= MAX_TEXT && !CONTROL.matcher(value).find();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    // --- words ----------------------------------------------------------------------------------------------------

    private static String label(Map<String, String> label, Locale locale) {
        String text = label.get(locale.getLanguage());
        return text != null ? text : label.get("en");
    }

    private String reason(Pricing.Reason reason, Locale locale) {
        Object[] args = reason.args().stream().map(arg -> arg instanceof Map<?, ?> match
                ? match.entrySet().stream().findFirst().map(e -> messages.getMessage("checkout.match." + e.getKey(),
                new Object[]{e.getValue()}, locale)).orElse("") : arg).toArray();
        return messages.getMessage(reason.key(), args, locale);
    }

    /** The person's wish list, newest first, in words: what they wished for and since when. */
    public List<Quote.WishlistItem> wishlist(UUID person, Locale locale) {
        return wishes(states.state(person), Set.of(), Integer.MAX_VALUE, locale);
    }

    private List<Quote.WishlistItem> wishes(CustomerState state, Set<String> leftOut, int most, Locale locale) {
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .withZone(loyalty.zone());
        return state.wishlist().stream().filter(w -> !leftOut.contains(w.sku())).limit(most)
                .map(w -> new Quote.WishlistItem(w.sku(), w.name(), w.addedAt(),
                        messages.getMessage("checkout.wishlist.since", new Object[]{date.format(w.addedAt())},
                                locale))).toList();
    }
}
