package org.entente.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process stand-in for the Entente server on an ephemeral loopback port, answering the contract the scenarios
 * rely on:
 * <ul>
 *   <li>the liveness probe without authentication, and the ping endpoint checking the bearer key and failing every
 *       {@code failEvery}-th call;</li>
 *   <li>{@code POST /api/v1/events}: validates each event, deduplicates on its id, resolves identities as a graph
 *       (an event carrying identifiers of two persons merges them) and counts events and orders per person;</li>
 *   <li>{@code GET /api/v1/profiles?identifier=type:value}: those counts as profile statistics;</li>
 *   <li>{@code POST /api/v1/imports?kind=transactions} and {@code GET /api/v1/imports/{id}}: reads and validates
 *       the CSV, then reports the import running at the first read and completed after;</li>
 *   <li>{@code GET} and {@code PUT /api/v1/loyalty/program}: a program that a save may only pause or resume (400 if
 *       anything else changed, 409 {@code stale_program} if its version is not the latest), each save recorded
 *       with the number of events accepted before it;</li>
 *   <li>{@code POST /api/v1/offers} and {@code DELETE /api/v1/offers/{id}}: validates and keeps nth_purchase
 *       offers;</li>
 *   <li>{@code POST /api/v1/checkout/quotes}: validates the basket, recognises the customers of the imported
 *       transactions, grants the offers on a brand of the basket and 100 points to a recognised customer, spends
 *       {@value #REWARD_POINTS} points on each reward paid with points besides the redemption asked for, and
 *       answers 201 with {@code Server-Timing: db;dur=..., app;dur=...}, the time spent in the handler;
 *       {@code POST /api/v1/checkout/quotes/{id}/confirm}: 201 for the first order id, 200 for the same again, 409
 *       for another or for a cancelled quote; and {@code POST /api/v1/checkout/quotes/{id}/cancel}: 200
 *       {@code {"quoteId", "state": "cancelled"}}, again if cancelled already, 409 for a confirmed quote, without
 *       {@code Server-Timing} as the server.</li>
 *   <li>{@code POST /api/v1/outreach/decisions} and {@code POST /api/v1/outreach/decisions:batch} (1 to 1000, 400
 *       for the whole batch if one is invalid): validate each question as the gate does (one identifier or a
 *       profile id, a channel, a class, a known topic if any, an idempotency key), answer the same decision again,
 *       {@code replayed}, for a key decided before, deny {@code unknown_person} a customer the imported transactions
 *       did not name, deny a marketing message {@code no_consent} (nobody has consented) and allow the others,
 *       without {@code Server-Timing}, as the server.</li>
 * </ul>
 * Faults can be switched on before a run: 503s on events, events acknowledged but lost, rows rejected, program
 * saves and offers refused, confirmations refused, cancellations failing, checkout answers without
 * {@code Server-Timing}, decision batches failing or answered without their last verdict, the outreach scope
 * refused; and a cost on events while loyalty is active.
 */
public final class FakeEntente implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> EVENT_TYPES = Set.of("purchase", "page_view", "identify");
    private static final Set<String> IDENTIFIER_TYPES = Set.of("email", "phone", "customerId", "loyaltyCard",
            "anonymousId", "deviceId", "paymentToken");
    // What a granted reward paid with points costs, whatever the product.
    private static final long REWARD_POINTS = 20;
    private static final Set<String> CONTACT_CHANNELS = Set.of("email", "sms", "push", "phone", "post", "whatsapp");
    private static final Set<String> MESSAGE_CLASSES = Set.of("transactional", "service", "marketing", "solicited");
    private static final Set<String> TOPICS = Set.of("news", "offers", "tips", "events", "service");
    private static final int MAX_DECISIONS = 1000;
    private static final List<String> TRANSACTION_HEADER = List.of("orderId", "customerId", "email", "occurredAt",
            "sku", "name", "brand", "category", "quantity", "unitPrice", "currency", "store", "channel");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String key;
    private final long failEvery;
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong eventRequests = new AtomicLong();
    private final AtomicLong importedRows = new AtomicLong();
    private volatile long unavailableEvery = Long.MAX_VALUE;
    private volatile long losingEvery = Long.MAX_VALUE;
    private volatile long rejectingRowsEvery = Long.MAX_VALUE;
    private volatile long loyaltyCostMillis;
    private volatile boolean withoutAdminScope;
    private volatile long conflictingAtSave = Long.MAX_VALUE;
    private volatile long conflictingConfirmsEvery = Long.MAX_VALUE;
    private volatile long failingCancelsEvery = Long.MAX_VALUE;
    private volatile boolean withoutServerTiming;
    private volatile long failingDecisionBatchesEvery = Long.MAX_VALUE;
    private volatile long droppingVerdictsEvery = Long.MAX_VALUE;
    private volatile boolean withoutOutreachScope;

    // Identity resolution and statistics, guarded by this.
    private final Set<String> eventIds = new HashSet<>();
    private final Map<String, Person> byIdentifier = new HashMap<>();
    private long acceptedEvents;
    private final Map<String, Import> imports = new ConcurrentHashMap<>();

    // Checkout: the customers of the imported transactions as type:value, the offers in force, the quotes made.
    private final Set<String> importedCustomers = ConcurrentHashMap.newKeySet();
    private final Map<String, JsonNode> offers = new ConcurrentHashMap<>();
    private final AtomicLong offersCreated = new AtomicLong();
    private final Map<String, Quote> quotes = new ConcurrentHashMap<>();
    private final AtomicLong quoteRequests = new AtomicLong();
    private final AtomicLong confirmRequests = new AtomicLong();
    private final AtomicLong cancelRequests = new AtomicLong();

    // The contact gate: its decisions by idempotency key, the profile ids it gave known customers.
    private final Map<String, Gated> gateDecisions = new ConcurrentHashMap<>();
    private final Set<String> gateProfiles = ConcurrentHashMap.newKeySet();
    private final AtomicLong decisionRequests = new AtomicLong();
    private final AtomicLong decisionBatchRequests = new AtomicLong();

    // The loyalty program and its saves, guarded by this.
    private final AtomicLong programRequests = new AtomicLong();
    private ObjectNode program = defaultProgram();
    private long saveAttempts;
    private final List<ProgramSave> programSaves = new ArrayList<>();

    private FakeEntente(String key, long failEvery) throws IOException {
        this.key = key;
        this.failEvery = failEvery;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health/liveness", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/api/v1/ping", this::ping);
        server.createContext("/api/v1/events", authorized(this::events));
        server.createContext("/api/v1/profiles", authorized(this::profile));
        server.createContext("/api/v1/imports", authorized(this::imports));
        server.createContext("/api/v1/loyalty/program", authorized(this::loyaltyProgram));
        server.createContext("/api/v1/offers", authorized(this::offers));
        server.createContext("/api/v1/checkout/quotes", authorized(this::checkout));
        server.createContext("/api/v1/outreach", authorized(this::outreach));
        server.setExecutor(executor);
        server.start();
    }

    public static FakeEntente withKey(String key) throws IOException {
        return new FakeEntente(key, Long.MAX_VALUE);
    }

    public static FakeEntente withKeyFailingEvery(String key, long failEvery) throws IOException {
        return new FakeEntente(key, failEvery);
    }

    /** Answers every {@code n}-th events request 503 without storing anything. */
    public FakeEntente unavailableEvery(long n) {
        this.unavailableEvery = n;
        return this;
    }

    /** Acknowledges every {@code n}-th new event as accepted but does not count it in any profile. */
    public FakeEntente losingEvery(long n) {
        this.losingEvery = n;
        return this;
    }

    /** Rejects every {@code n}-th row of an import. */
    public FakeEntente rejectingRowsEvery(long n) {
        this.rejectingRowsEvery = n;
        return this;
    }

    /** Starts with the loyalty program paused. */
    public FakeEntente loyaltyPaused() {
        synchronized (this) {
            program.put("active", false);
        }
        return this;
    }

    /** Takes {@code millis} more to answer an events request while the loyalty program is active. */
    public FakeEntente loyaltyCosting(long millis) {
        this.loyaltyCostMillis = millis;
        return this;
    }

    /** Refuses every {@code n}-th confirmation with 409, as if the quote's points had been spent meanwhile. */
    public FakeEntente conflictingConfirmsEvery(long n) {
        this.conflictingConfirmsEvery = n;
        return this;
    }

    /** Answers every {@code n}-th cancellation 503 without cancelling, as a server that could not release points. */
    public FakeEntente failingCancelsEvery(long n) {
        this.failingCancelsEvery = n;
        return this;
    }

    /** Answers quotes and confirmations without a {@code Server-Timing} header. */
    public FakeEntente withoutServerTiming() {
        this.withoutServerTiming = true;
        return this;
    }

    /** Answers every {@code n}-th decision batch 503 without deciding anything. */
    public FakeEntente failingDecisionBatchesEvery(long n) {
        this.failingDecisionBatchesEvery = n;
        return this;
    }

    /** Answers every {@code n}-th decision batch 200 without the decision of its last question, left undecided. */
    public FakeEntente droppingVerdictsEvery(long n) {
        this.droppingVerdictsEvery = n;
        return this;
    }

    /** Refuses every decision with 403, as for a key without the outreach scope. */
    public FakeEntente withoutOutreachScope() {
        this.withoutOutreachScope = true;
        return this;
    }

    /** Refuses every program save and every offer change with 403, as for a key without the admin scope. */
    public FakeEntente withoutAdminScope() {
        this.withoutAdminScope = true;
        return this;
    }

    /** Refuses the {@code n}-th program save with 409 {@code stale_program}, as if somebody had saved meanwhile. */
    public FakeEntente conflictingAtSave(long n) {
        this.conflictingAtSave = n;
        return this;
    }

    public URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** How many ping requests arrived, whatever their answer. */
    public long pings() {
        return pings.get();
    }

    /** How many events requests arrived, whatever their answer. */
    public long eventRequests() {
        return eventRequests.get();
    }

    /** New events accepted, lost ones included. */
    public synchronized long acceptedEvents() {
        return acceptedEvents;
    }

    /** Data rows read by all imports. */
    public long importedRows() {
        return importedRows.get();
    }

    /** Whether the imported transactions identified a customer this way, e.g. {@code customerId:t1-C0000001}. */
    public boolean imported(String identifier) {
        return importedCustomers.contains(identifier);
    }

    /** How many offers were created, deleted ones included. */
    public long offersCreated() {
        return offersCreated.get();
    }

    /** The offers in force, by id. */
    public Map<String, JsonNode> offers() {
        return Map.copyOf(offers);
    }

    /** How many quote requests arrived, whatever their answer. */
    public long quoteRequests() {
        return quoteRequests.get();
    }

    /** How many confirmation requests arrived, whatever their answer. */
    public long confirmRequests() {
        return confirmRequests.get();
    }

    /** How many cancellation requests arrived, whatever their answer. */
    public long cancelRequests() {
        return cancelRequests.get();
    }

    /** How many quotes were confirmed. */
    public long confirmedQuotes() {
        return quotes.values().stream().filter(quote -> quote.orderId.get() != null).count();
    }

    /**
     * How many quotes are in {@code state}, {@code open}, {@code confirmed} or {@code cancelled}, among those that
     * spent points ({@code holdingPoints}) or among the others.
     */
    public long quotes(String state, boolean holdingPoints) {
        return quotes.values().stream()
                .filter(quote -> quote.holdsPoints == holdingPoints && quote.state().equals(state)).count();
    }

    /** How many requests for one decision arrived, whatever their answer. */
    public long decisionRequests() {
        return decisionRequests.get();
    }

    /** How many decision batches arrived, whatever their answer. */
    public long decisionBatchRequests() {
        return decisionBatchRequests.get();
    }

    /** Every decision the gate made, once per idempotency key, in no particular order. */
    public List<GateDecision> gateDecisions() {
        return gateDecisions.values().stream().map(Gated::decision).toList();
    }

    /**
     * A decision of the gate and the question it answered.
     *
     * @param idempotencyKey the question's key
     * @param customerId     the customer id it named; null if it named the person otherwise
     * @param channel        the channel asked about
     * @param messageClass   the class of the message ({@code class} in JSON)
     * @param topic          the topic, null if none
     * @param campaign       the campaign, null if none
     * @param verdict        {@code allow} or {@code deny}
     * @param reasons        why, empty for an allow
     */
    public record GateDecision(String idempotencyKey, String customerId, String channel, String messageClass,
                               String topic, String campaign, String verdict, List<String> reasons) {
    }

    /** How many loyalty program requests arrived, GET and PUT, whatever their answer. */
    public long programRequests() {
        return programRequests.get();
    }

    /** The loyalty program in force. */
    public synchronized JsonNode program() {
        return program.deepCopy();
    }

    /** The program saves that succeeded, in order. */
    public synchronized List<ProgramSave> programSaves() {
        return List.copyOf(programSaves);
    }

    /**
     * A successful save of the loyalty program.
     *
     * @param active       the flag it saved
     * @param eventsBefore new events accepted before it
     */
    public record ProgramSave(boolean active, long eventsBefore) {
    }

    private void ping(HttpExchange exchange) throws IOException {
        long count = pings.incrementAndGet();
        if (!hasKey(exchange)) {
            respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
        } else if (count % failEvery == 0) {
            respond(exchange, 503, "{\"title\":\"Unavailable\"}");
        } else {
            respond(exchange, 200, "{\"pong\":true}");
        }
    }

    // --- events -------------------------------------------------------------------------------------------------

    private void events(HttpExchange exchange) throws IOException {
        long count = eventRequests.incrementAndGet();
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, "{\"title\":\"Method Not Allowed\"}");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        if (loyaltyCostMillis > 0 && loyaltyActive()) {
            try {
                Thread.sleep(loyaltyCostMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (count % unavailableEvery == 0) {
            respond(exchange, 503, "{\"title\":\"Storage unavailable\"}");
            return;
        }
        JsonNode events = body.path("events");
        if (!events.isArray() || events.size() > 1000) {
            respond(exchange, 400, "{\"title\":\"Bad Request\",\"detail\":\"events: 1 to 1000 expected\"}");
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        var results = answer.putArray("results");
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        synchronized (this) {
            for (int index = 0; index < events.size(); index++) {
                JsonNode event = events.get(index);
                ObjectNode result = results.addObject().put("index", index).put("id", event.path("id").asString());
                Optional<String[]> problem = invalid(event);
                if (problem.isPresent()) {
                    rejected++;
                    result.put("status", "rejected").putObject("reason").put("code", "invalid")
                            .put("field", problem.get()[0]).put("message", problem.get()[1]);
                } else if (!eventIds.add(event.path("id").asString())) {
                    duplicates++;
                    result.put("status", "duplicate");
                } else {
                    accepted++;
                    Person person = record(event);
                    result.put("status", "accepted").put("profileId", person.id.toString());
                }
            }
        }
        answer.put("accepted", accepted).put("duplicates", duplicates).put("rejected", rejected);
        respond(exchange, 202, JSON.writeValueAsString(answer));
    }

    /** The field and message of what is wrong with the event, if anything. */
    private static Optional<String[]> invalid(JsonNode event) {
        if (event.path("id").asString("").isBlank()) {
            return Optional.of(new String[] {"id", "missing"});
        }
        String type = event.path("type").asString("");
        if (!EVENT_TYPES.contains(type)) {
            return Optional.of(new String[] {"type", "unknown type " + type});
        }
        try {
            if (!Instant.parse(event.path("occurredAt").asString("")).isBefore(Instant.now())) {
                return Optional.of(new String[] {"occurredAt", "in the future"});
            }
        } catch (DateTimeParseException e) {
            return Optional.of(new String[] {"occurredAt", "not an ISO instant"});
        }
        if (event.path("channel").asString("").isBlank()) {
            return Optional.of(new String[] {"channel", "missing"});
        }
        JsonNode identifiers = event.path("identifiers");
        if (!identifiers.isObject() || identifiers.isEmpty()) {
            return Optional.of(new String[] {"identifiers", "at least one expected"});
        }
        for (String name : identifiers.propertyNames()) {
            if (!IDENTIFIER_TYPES.contains(name) || identifiers.get(name).asString("").isBlank()) {
                return Optional.of(new String[] {"identifiers." + name, "unknown or blank"});
            }
        }
        JsonNode properties = event.path("properties");
        return switch (type) {
            case "purchase" -> invalidPurchase(properties);
            case "page_view" -> properties.path("url").asString("").startsWith("https://")
                    ? Optional.empty() : Optional.of(new String[] {"properties.url", "https URL expected"});
            default -> properties.path("traits").isObject()
                    ? Optional.empty() : Optional.of(new String[] {"properties.traits", "object expected"});
        };
    }

    private static Optional<String[]> invalidPurchase(JsonNode properties) {
        if (properties.path("orderId").asString("").isBlank() || properties.path("currency").asString("").isBlank()) {
            return Optional.of(new String[] {"properties", "orderId and currency expected"});
        }
        JsonNode items = properties.path("items");
        if (!items.isArray() || items.isEmpty()) {
            return Optional.of(new String[] {"properties.items", "at least one expected"});
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode item : items) {
            if (!item.path("quantity").isInt() || item.path("quantity").asInt() < 1 || !item.path("unitPrice")
                    .isNumber() || item.path("sku").asString("").isBlank()) {
                return Optional.of(new String[] {"properties.items", "sku, quantity and unitPrice expected"});
            }
            sum = sum.add(item.path("unitPrice").decimalValue().multiply(BigDecimal.valueOf(item.path("quantity")
                    .asInt())));
        }
        if (!properties.path("total").isNumber() || properties.path("total").decimalValue().compareTo(sum) != 0) {
            return Optional.of(new String[] {"properties.total", "not the sum of the items: " + sum});
        }
        return Optional.empty();
    }

    /** Resolves the event's person, merging the persons its identifiers pointed to, and counts the event. */
    private Person record(JsonNode event) {
        var keys = new ArrayList<String>();
        for (String name : event.path("identifiers").propertyNames()) {
            keys.add(name + ":" + event.path("identifiers").get(name).asString());
        }
        var persons = new LinkedHashSet<Person>();
        keys.stream().map(byIdentifier::get).filter(person -> person != null).map(Person::root)
                .forEach(persons::add);
        Person target = persons.isEmpty() ? new Person() : persons.getFirst();
        for (Person other : persons) {
            if (other != target) {
                target.absorb(other);
            }
        }
        for (String identifierKey : keys) {
            byIdentifier.put(identifierKey, target);
            target.identifiers.add(identifierKey);
        }
        acceptedEvents++;
        if (acceptedEvents % losingEvery != 0) {
            target.events++;
            if (event.path("type").asString().equals("purchase")) {
                target.orders.add(event.path("properties").path("orderId").asString());
            }
        }
        return target;
    }

    private void profile(HttpExchange exchange) throws IOException {
        String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        String identifier = "";
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("identifier=")) {
                identifier = URLDecoder.decode(parameter.substring("identifier=".length()), StandardCharsets.UTF_8);
            }
        }
        Person person;
        synchronized (this) {
            person = Optional.ofNullable(byIdentifier.get(identifier)).map(Person::root).orElse(null);
            if (person == null) {
                respond(exchange, 404, "{\"title\":\"Not Found\"}");
                return;
            }
            ObjectNode profile = JSON.createObjectNode().put("id", person.id.toString());
            var identifiers = profile.putArray("identifiers");
            for (String identifierKey : person.identifiers) {
                int colon = identifierKey.indexOf(':');
                identifiers.addObject().put("type", identifierKey.substring(0, colon))
                        .put("value", identifierKey.substring(colon + 1));
            }
            profile.put("lifecycle", person.orders.isEmpty() ? "prospect" : "customer");
            var statistics = profile.putObject("statistics").put("events", person.events);
            if (!person.orders.isEmpty()) {
                statistics.putArray("purchases").addObject().put("currency", "EUR")
                        .put("orders", person.orders.size()).put("revenue", "0.00");
            } else {
                statistics.putArray("purchases");
            }
            respond(exchange, 200, JSON.writeValueAsString(profile));
        }
    }

    /** A person of the identity graph; a merged one points to the person it was merged into. */
    private static final class Person {
        final UUID id = UUID.randomUUID();
        final Set<String> identifiers = new LinkedHashSet<>();
        final Set<String> orders = new HashSet<>();
        long events;
        Person mergedInto;

        Person root() {
            Person person = this;
            while (person.mergedInto != null) {
                person = person.mergedInto;
            }
            return person;
        }

        void absorb(Person other) {
            events += other.events;
            orders.addAll(other.orders);
            identifiers.addAll(other.identifiers);
            other.mergedInto = this;
        }
    }

    // --- loyalty program ----------------------------------------------------------------------------------------

    private static ObjectNode defaultProgram() {
        ObjectNode program = JSON.createObjectNode().put("version", 1).put("updatedAt", "2026-01-01T00:00:00Z")
                .put("updatedBy", "system").put("active", true).put("currency", "EUR")
                .put("timezone", "Europe/Paris");
        ObjectNode member = program.putArray("tiers").addObject().put("code", "member");
        member.putObject("name").put("en", "Member").put("fr", "Membre");
        member.putObject("qualification").put("minOrders", 3).putNull("minSpend").put("windowDays", 365);
        member.putArray("benefits").addObject().put("kind", "birthday_gift").put("points", 100);
        program.putObject("earning").put("pointsPerUnit", 1).putNull("maxPointsPerDay");
        program.putObject("expiry").put("monthsAfterEarn", 24).putNull("monthsOfInactivity");
        program.putNull("card");
        return program;
    }

    private synchronized boolean loyaltyActive() {
        return program.path("active").asBoolean();
    }

    private void loyaltyProgram(HttpExchange exchange) throws IOException {
        programRequests.incrementAndGet();
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                synchronized (this) {
                    exchange.getResponseHeaders().set("ETag", "\"" + program.path("version").asInt() + "\"");
                    respond(exchange, 200, JSON.writeValueAsString(program));
                }
            }
            case "PUT" -> saveProgram(exchange, JSON.readTree(exchange.getRequestBody()));
            default -> respond(exchange, 405, "{\"title\":\"Method Not Allowed\"}");
        }
    }

    private synchronized void saveProgram(HttpExchange exchange, JsonNode body) throws IOException {
        long attempt = ++saveAttempts;
        if (withoutAdminScope) {
            respond(exchange, 403, "{\"title\":\"Forbidden\",\"detail\":\"This key lacks the admin scope.\"}");
        } else if (attempt == conflictingAtSave || body.path("version").asInt() != program.path("version").asInt()) {
            respond(exchange, 409, "{\"title\":\"Conflict\",\"code\":\"stale_program\"}");
        } else if (!(body instanceof ObjectNode saved) || !saved.path("active").isBoolean()
                || !withoutActive(saved).equals(withoutActive(program))) {
            respond(exchange, 400, "{\"title\":\"Bad Request\",\"detail\":\"only active may change\"}");
        } else {
            program = saved.deepCopy().put("version", program.path("version").asInt() + 1)
                    .put("updatedAt", Instant.now().toString()).put("updatedBy", "key:test");
            programSaves.add(new ProgramSave(saved.path("active").asBoolean(), acceptedEvents));
            exchange.getResponseHeaders().set("ETag", "\"" + program.path("version").asInt() + "\"");
            respond(exchange, 200, JSON.writeValueAsString(program));
        }
    }

    private static ObjectNode withoutActive(ObjectNode program) {
        ObjectNode copy = program.deepCopy();
        copy.remove("active");
        return copy;
    }

    // --- imports ------------------------------------------------------------------------------------------------

    private void imports(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST") && path.equals("/api/v1/imports")) {
            startImport(exchange);
        } else if (exchange.getRequestMethod().equals("GET") && path.startsWith("/api/v1/imports/")) {
            var found = imports.get(path.substring("/api/v1/imports/".length()));
            if (found == null) {
                respond(exchange, 404, "{\"title\":\"Not Found\"}");
            } else {
                respond(exchange, 200, JSON.writeValueAsString(found.read()));
            }
        } else {
            respond(exchange, 405, "{\"title\":\"Method Not Allowed\"}");
        }
    }

    private void startImport(HttpExchange exchange) throws IOException {
        if (!"kind=transactions".equals(exchange.getRequestURI().getQuery())
                || !"text/csv".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            respond(exchange, 400, "{\"title\":\"Bad Request\"}");
            return;
        }
        long read = 0;
        long rejected = 0;
        try (var reader = CsvReader.builder().ofCsvRecord(exchange.getRequestBody(), StandardCharsets.UTF_8)) {
            boolean header = true;
            for (var record : reader) {
                if (header) {
                    if (!record.getFields().equals(TRANSACTION_HEADER)) {
                        respond(exchange, 400, "{\"title\":\"Bad Request\",\"detail\":\"header\"}");
                        return;
                    }
                    header = false;
                    continue;
                }
                read++;
                if (!validRow(record.getFields()) || read % rejectingRowsEvery == 0) {
                    rejected++;
                } else {
                    importedCustomers.add("customerId:" + record.getField(1));
                    importedCustomers.add("email:" + record.getField(2));
                }
            }
        }
        importedRows.addAndGet(read);
        var started = new Import(UUID.randomUUID().toString(), read, rejected);
        imports.put(started.id, started);
        respond(exchange, 202, JSON.writeValueAsString(JSON.createObjectNode().put("id", started.id)
                .put("kind", "transactions").put("state", "queued")));
    }

    private static boolean validRow(List<String> fields) {
        try {
            return fields.size() == TRANSACTION_HEADER.size()
                    && !fields.get(0).isBlank()
                    && !(fields.get(1).isBlank() && fields.get(2).isBlank())
                    && Instant.parse(fields.get(3)).isBefore(Instant.now())
                    && Integer.parseInt(fields.get(8)) >= 1
                    && new BigDecimal(fields.get(9)).signum() > 0
                    && fields.get(10).length() == 3;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** An import, reported running at its first read and completed from then on. */
    private static final class Import {
        final String id;
        final long rows;
        final long rejected;
        final AtomicLong reads = new AtomicLong();

        Import(String id, long rows, long rejected) {
            this.id = id;
            this.rows = rows;
            this.rejected = rejected;
        }

        ObjectNode read() {
            boolean completed = reads.incrementAndGet() > 1;
            ObjectNode status = JSON.createObjectNode().put("id", id).put("kind", "transactions")
                    .put("state", completed ? "completed" : "running")
                    .put("rowsRead", completed ? rows : rows / 2)
                    .put("rowsAccepted", completed ? rows - rejected : 0)
                    .put("rowsRejected", completed ? rejected : 0)
                    .put("rowsPerSecond", rows * 10.0)
                    .put("startedAt", Instant.now().minusMillis(100).toString());
            if (completed) {
                status.put("finishedAt", Instant.now().toString());
            }
            return status.putNull("error");
        }
    }

    // --- offers and checkout ------------------------------------------------------------------------------------

    private void offers(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (withoutAdminScope) {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 403, "{\"title\":\"Forbidden\",\"detail\":\"This key lacks the admin scope.\"}");
        } else if (exchange.getRequestMethod().equals("POST") && path.equals("/api/v1/offers")) {
            JsonNode offer = JSON.readTree(exchange.getRequestBody());
            if (!validOffer(offer)) {
                respond(exchange, 400, "{\"title\":\"Bad Request\"}");
                return;
            }
            String id = UUID.randomUUID().toString();
            offers.put(id, offer);
            offersCreated.incrementAndGet();
            respond(exchange, 201, JSON.writeValueAsString(JSON.createObjectNode().put("id", id)));
        } else if (exchange.getRequestMethod().equals("DELETE") && path.startsWith("/api/v1/offers/")) {
            if (offers.remove(path.substring("/api/v1/offers/".length())) == null) {
                respond(exchange, 404, "{\"title\":\"Not Found\"}");
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
        } else {
            respond(exchange, 405, "{\"title\":\"Method Not Allowed\"}");
        }
    }

    private static boolean validOffer(JsonNode offer) {
        try {
            return offer.path("kind").asString("").equals("nth_purchase")
                    && !offer.path("label").path("en").asString("").isBlank()
                    && !offer.path("match").path("brand").asString("").isBlank()
                    && offer.path("every").isInt() && offer.path("every").asInt() >= 2
                    && offer.path("reward").path("percentOff").isNumber()
                    && offer.path("reward").path("paidWithPoints").isBoolean()
                    && Instant.parse(offer.path("validFrom").asString(""))
                            .isBefore(Instant.parse(offer.path("validUntil").asString("")))
                    && offer.path("channels").isArray() && !offer.path("channels").isEmpty()
                    && offer.path("priority").isInt() && offer.path("stackable").isBoolean();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void checkout(HttpExchange exchange) throws IOException {
        long begin = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, "{\"title\":\"Method Not Allowed\"}");
        } else if (path.equals("/api/v1/checkout/quotes")) {
            quote(exchange, begin);
        } else if (path.matches("/api/v1/checkout/quotes/[^/]+/confirm")) {
            confirm(exchange, path.split("/")[5], begin);
        } else if (path.matches("/api/v1/checkout/quotes/[^/]+/cancel")) {
            cancel(exchange, path.split("/")[5]);
        } else {
            respond(exchange, 404, "{\"title\":\"Not Found\"}");
        }
    }

    private void quote(HttpExchange exchange, long begin) throws IOException {
        quoteRequests.incrementAndGet();
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        if (!validQuote(body)) {
            respond(exchange, 400, "{\"title\":\"Bad Request\"}");
            return;
        }
        JsonNode identifiers = body.path("identifiers");
        boolean recognised = identifiers.propertyNames().stream()
                .anyMatch(type -> importedCustomers.contains(type + ":" + identifiers.get(type).asString()));
        var brands = new HashSet<String>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (JsonNode item : body.path("items")) {
            brands.add(item.path("brand").asString());
            subtotal = subtotal.add(item.path("unitPrice").decimalValue()
                    .multiply(BigDecimal.valueOf(item.path("quantity").asInt())));
        }
        String quoteId = UUID.randomUUID().toString();
        ObjectNode answer = JSON.createObjectNode().put("quoteId", quoteId).put("recognised", recognised);
        if (recognised) {
            answer.put("profileId", UUID.randomUUID().toString()).put("tier", "member");
        } else {
            answer.putNull("profileId").putNull("tier");
        }
        answer.putArray("benefits");
        var granted = answer.putArray("offers");
        long rewardPoints = 0;
        for (var offer : offers.entrySet()) {
            JsonNode rule = offer.getValue();
            if (recognised && brands.contains(rule.path("match").path("brand").asString())) {
                granted.addObject().put("offerId", offer.getKey())
                        .put("label", rule.path("label").path("en").asString())
                        .put("reason", "4 purchases of 5").put("discount", 0).putArray("appliesTo");
                rewardPoints += rule.path("reward").path("paidWithPoints").asBoolean() ? REWARD_POINTS : 0;
            }
        }
        // As the server: what a quote spends is the rewards paid with points plus the redemption asked for.
        long balance = recognised ? 100 : 0;
        long redeemed = Math.min(balance, rewardPoints + body.path("redeemPoints").asLong(0));
        quotes.put(quoteId, new Quote(redeemed > 0));
        answer.putObject("points").put("balance", balance).put("redeemable", balance).put("redeemed", redeemed)
                .put("toEarn", subtotal.longValue());
        answer.putArray("recommendations");
        answer.putArray("wishlist");
        answer.put("subtotal", subtotal).put("discountTotal", BigDecimal.valueOf(redeemed, 1))
                .put("total", subtotal.subtract(BigDecimal.valueOf(redeemed, 1)))
                .put("expiresAt", Instant.now().plusSeconds(900).toString());
        serverTiming(exchange, begin);
        respond(exchange, 201, JSON.writeValueAsString(answer));
    }

    private static boolean validQuote(JsonNode body) {
        JsonNode identifiers = body.path("identifiers");
        if (!identifiers.isObject() || identifiers.isEmpty()) {
            return false;
        }
        for (String name : identifiers.propertyNames()) {
            if (!IDENTIFIER_TYPES.contains(name) || identifiers.get(name).asString("").isBlank()) {
                return false;
            }
        }
        JsonNode items = body.path("items");
        if (body.path("channel").asString("").isBlank() || body.path("currency").asString("").length() != 3
                || !items.isArray() || items.isEmpty() || !body.path("redeemPoints").isInt()
                || body.path("redeemPoints").asInt() < 0) {
            return false;
        }
        for (JsonNode item : items) {
            if (item.path("sku").asString("").isBlank() || item.path("brand").asString("").isBlank()
                    || !item.path("quantity").isInt() || item.path("quantity").asInt() < 1
                    || !item.path("unitPrice").isNumber() || item.path("unitPrice").decimalValue().signum() <= 0) {
                return false;
            }
        }
        return true;
    }

    private void confirm(HttpExchange exchange, String quoteId, long begin) throws IOException {
        long count = confirmRequests.incrementAndGet();
        String orderId = JSON.readTree(exchange.getRequestBody()).path("orderId").asString("");
        Quote quote = quotes.get(quoteId);
        if (orderId.isBlank()) {
            respond(exchange, 400, "{\"title\":\"Bad Request\",\"detail\":\"orderId expected\"}");
        } else if (quote == null) {
            respond(exchange, 404, "{\"title\":\"Not Found\"}");
        } else if (count % conflictingConfirmsEvery == 0) {
            respond(exchange, 409, "{\"title\":\"Conflict\",\"code\":\"insufficient_points\"}");
        } else if (quote.cancelled.get()) {
            respond(exchange, 409, "{\"title\":\"Conflict\",\"code\":\"quote_cancelled\"}");
        } else if (quote.orderId.compareAndSet(null, orderId) || quote.orderId.get().equals(orderId)) {
            boolean replayed = quote.confirmations.incrementAndGet() > 1;
            serverTiming(exchange, begin);
            respond(exchange, replayed ? 200 : 201, JSON.writeValueAsString(JSON.createObjectNode()
                    .put("quoteId", quoteId).put("orderId", orderId).put("replayed", replayed)));
        } else {
            respond(exchange, 409, "{\"title\":\"Conflict\",\"code\":\"quote_confirmed\"}");
        }
    }

    private void cancel(HttpExchange exchange, String quoteId) throws IOException {
        long count = cancelRequests.incrementAndGet();
        Quote quote = quotes.get(quoteId);
        if (quote == null) {
            respond(exchange, 404, "{\"title\":\"Not Found\"}");
        } else if (count % failingCancelsEvery == 0) {
            respond(exchange, 503, "{\"title\":\"Service Unavailable\"}");
        } else if (quote.orderId.get() != null) {
            respond(exchange, 409, "{\"title\":\"Conflict\",\"code\":\"quote_confirmed\"}");
        } else {
            quote.cancelled.set(true);
            respond(exchange, 200, JSON.writeValueAsString(JSON.createObjectNode()
                    .put("quoteId", quoteId).put("state", "cancelled")));
        }
    }

    /** The time since {@code begin} as the server application's own, beside a metric the bench must skip. */
    private void serverTiming(HttpExchange exchange, long begin) {
        if (!withoutServerTiming) {
            exchange.getResponseHeaders().add("Server-Timing", String.format(Locale.ROOT, "db;dur=0.01, app;dur=%.3f",
                    (System.nanoTime() - begin) / 1e6));
        }
    }

    /** A quote made, holding points or not; confirmed once it has an order id, unless cancelled first. */
    private static final class Quote {
        final boolean holdsPoints;
        final AtomicReference<String> orderId = new AtomicReference<>();
        final AtomicLong confirmations = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();

        Quote(boolean holdsPoints) {
            this.holdsPoints = holdsPoints;
        }

        String state() {
            return orderId.get() != null ? "confirmed" : cancelled.get() ? "cancelled" : "open";
        }
    }

    // --- contact gate -------------------------------------------------------------------------------------------

    private void outreach(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (withoutOutreachScope) {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 403, "{\"title\":\"Forbidden\",\"detail\":\"This key lacks the outreach scope.\"}");
        } else if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, "{\"title\":\"Method Not Allowed\"}");
        } else if (path.equals("/api/v1/outreach/decisions")) {
            decideOne(exchange);
        } else if (path.equals("/api/v1/outreach/decisions:batch")) {
            decideBatch(exchange);
        } else {
            respond(exchange, 404, "{\"title\":\"Not Found\"}");
        }
    }

    private void decideOne(HttpExchange exchange) throws IOException {
        decisionRequests.incrementAndGet();
        JsonNode question = JSON.readTree(exchange.getRequestBody());
        if (!validQuestion(question)) {
            respond(exchange, 400, "{\"title\":\"Bad Request\"}");
            return;
        }
        respond(exchange, 200, JSON.writeValueAsString(decide(question)));
    }

    private void decideBatch(HttpExchange exchange) throws IOException {
        long count = decisionBatchRequests.incrementAndGet();
        JsonNode questions = JSON.readTree(exchange.getRequestBody()).path("decisions");
        if (!questions.isArray() || questions.isEmpty() || questions.size() > MAX_DECISIONS) {
            respond(exchange, 400, "{\"title\":\"Bad Request\",\"detail\":\"decisions: 1 to 1000 expected\"}");
            return;
        }
        for (int i = 0; i < questions.size(); i++) {
            if (!validQuestion(questions.get(i))) {
                respond(exchange, 400, "{\"title\":\"Bad Request\",\"detail\":\"decisions[" + i + "]\"}");
                return;
            }
        }
        if (count % failingDecisionBatchesEvery == 0) {
            respond(exchange, 503, "{\"title\":\"Service Unavailable\"}");
            return;
        }
        int answered = count % droppingVerdictsEvery == 0 ? questions.size() - 1 : questions.size();
        ObjectNode answer = JSON.createObjectNode();
        var decisions = answer.putArray("decisions");
        for (int i = 0; i < answered; i++) {
            decisions.add(decide(questions.get(i)));
        }
        respond(exchange, 200, JSON.writeValueAsString(answer));
    }

    private static boolean validQuestion(JsonNode question) {
        JsonNode identifiers = question.path("identifiers");
        boolean byProfile = question.hasNonNull("profileId");
        boolean byIdentifier = identifiers.isObject() && !identifiers.isEmpty();
        try {
            if (byProfile == byIdentifier) {
                return false;
            }
            if (byProfile) {
                UUID.fromString(question.path("profileId").asString(""));
            } else {
                String type = identifiers.propertyNames().iterator().next();
                if (identifiers.size() != 1 || !IDENTIFIER_TYPES.contains(type)
                        || identifiers.get(type).asString("").isBlank()) {
                    return false;
                }
            }
            if (question.hasNonNull("sendAt")) {
                Instant.parse(question.path("sendAt").asString(""));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return false;
        }
        String campaign = question.path("campaign").asString("");
        String key = question.path("idempotencyKey").asString("");
        return CONTACT_CHANNELS.contains(question.path("channel").asString(""))
                && MESSAGE_CLASSES.contains(question.path("class").asString(""))
                && (!question.hasNonNull("topic") || TOPICS.contains(question.path("topic").asString("")))
                && (!question.hasNonNull("campaign") || !campaign.isBlank() && campaign.length() <= 200)
                && !key.isBlank() && key.length() <= 200;
    }

    /** The decision for the question's idempotency key: a new one, or the one made before as a replay. */
    private ObjectNode decide(JsonNode question) {
        var made = new AtomicBoolean();
        Gated gated = gateDecisions.computeIfAbsent(question.path("idempotencyKey").asString(), key -> {
            made.set(true);
            return gate(question);
        });
        return gated.answer().deepCopy().put("replayed", !made.get());
    }

    private Gated gate(JsonNode question) {
        String customerId = question.path("identifiers").path("customerId").asString(null);
        String profileId;
        if (question.hasNonNull("profileId")) {
            profileId = gateProfiles.contains(question.path("profileId").asString())
                    ? question.path("profileId").asString() : null;
        } else {
            JsonNode identifiers = question.path("identifiers");
            String type = identifiers.propertyNames().iterator().next();
            String identifier = type + ":" + identifiers.get(type).asString();
            profileId = importedCustomers.contains(identifier)
                    ? UUID.nameUUIDFromBytes(identifier.getBytes(StandardCharsets.UTF_8)).toString() : null;
        }
        String messageClass = question.path("class").asString();
        List<String> reasons = profileId == null ? List.of("unknown_person")
                : messageClass.equals("marketing") ? List.of("no_consent") : List.of();
        String verdict = reasons.isEmpty() ? "allow" : "deny";
        if (profileId != null) {
            gateProfiles.add(profileId);
        }
        var now = Instant.now();
        ObjectNode answer = JSON.createObjectNode().put("decisionId", UUID.randomUUID().toString())
                .put("idempotencyKey", question.path("idempotencyKey").asString()).put("profileId", profileId)
                .put("verdict", verdict);
        reasons.forEach(answer.putArray("reasons")::add);
        answer.putNull("deferUntil").put("sendAt", question.path("sendAt").asString(now.toString()))
                .put("decidedAt", now.toString());
        return new Gated(new GateDecision(question.path("idempotencyKey").asString(), customerId,
                question.path("channel").asString(), messageClass, question.path("topic").asString(null),
                question.path("campaign").asString(null), verdict, reasons), answer);
    }

    /** A decision and the answer the gate gives for it, without its {@code replayed} flag. */
    private record Gated(GateDecision decision, ObjectNode answer) {
    }

    // --- plumbing -----------------------------------------------------------------------------------------------

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private com.sun.net.httpserver.HttpHandler authorized(Handler handler) {
        return exchange -> {
            try (exchange) {
                if (!hasKey(exchange)) {
                    exchange.getRequestBody().readAllBytes();
                    respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
                } else {
                    handler.handle(exchange);
                }
            } catch (RuntimeException e) {
                respond(exchange, 500, "{\"title\":\"Internal Server Error\",\"detail\":\"" + e + "\"}");
            }
        };
    }

    private boolean hasKey(HttpExchange exchange) {
        return ("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
