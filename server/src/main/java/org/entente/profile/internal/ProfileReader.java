package org.entente.profile.internal;

import org.entente.platform.CursorPage;
import org.entente.platform.Cursors;
import org.entente.profile.Channel;
import org.entente.profile.Identifier;
import org.entente.profile.IdentifierType;
import org.entente.profile.IdentityConflict;
import org.entente.profile.Lifecycle;
import org.entente.profile.ProfileSummary;
import org.entente.profile.ProfileView;
import org.entente.profile.TimelineEntry;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import static org.entente.profile.db.Tables.PROFILE_CONFLICT;
import static org.entente.profile.db.Tables.PROFILE_EVENT;
import static org.entente.profile.db.Tables.PROFILE_IDENTIFIER;
import static org.entente.profile.db.Tables.PROFILE_MERGE;
import static org.entente.profile.db.Tables.PROFILE_PERSON;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

/** Reads profiles: a group of merged person rows summed into one view. */
@Repository
public class ProfileReader {

    private static final char ESCAPE = '!';

    private final DSLContext db;
    private final PersonWrites rows;
    private final JsonMapper json;
    private final LifecycleProperties lifecycle;
    private final Clock clock;

    ProfileReader(DSLContext db, PersonWrites rows, JsonMapper json, LifecycleProperties lifecycle, Clock clock) {
        this.db = db;
        this.rows = rows;
        this.json = json;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    public Optional<UUID> survivorOf(UUID personId) {
        return db.select(PROFILE_PERSON.SURVIVOR_ID).from(PROFILE_PERSON).where(PROFILE_PERSON.ID.eq(personId))
                .fetchOptional(PROFILE_PERSON.SURVIVOR_ID);
    }

    public Optional<UUID> survivorOf(Identifier identifier) {
        return db.select(PROFILE_PERSON.SURVIVOR_ID).from(PROFILE_IDENTIFIER)
                .join(PROFILE_PERSON).on(PROFILE_PERSON.ID.eq(PROFILE_IDENTIFIER.PERSON_ID))
                .where(PROFILE_IDENTIFIER.IDENTIFIER_KEY.eq(identifier.key()))
                .fetchOptional(PROFILE_PERSON.SURVIVOR_ID);
    }

    /** The survivor of the first of these identifiers that is known, as a scalar subquery (null: none is known). */
    public org.jooq.Field<UUID> firstKnown(List<Identifier> inOrder) {
        var rank = org.jooq.impl.DSL.choose(PROFILE_IDENTIFIER.IDENTIFIER_KEY);
        org.jooq.CaseWhenStep<String, Integer> ranked = null;
        for (int i = 0; i < inOrder.size(); i++) {
            ranked = ranked == null ? rank.when(inOrder.get(i).key(), i) : ranked.when(inOrder.get(i).key(), i);
        }
        return org.jooq.impl.DSL.field(org.jooq.impl.DSL.select(PROFILE_PERSON.SURVIVOR_ID).from(PROFILE_IDENTIFIER)
                .join(PROFILE_PERSON).on(PROFILE_PERSON.ID.eq(PROFILE_IDENTIFIER.PERSON_ID))
                .where(PROFILE_IDENTIFIER.IDENTIFIER_KEY.in(inOrder.stream().map(Identifier::key).toList()))
                .orderBy(ranked.otherwise(inOrder.size())).limit(1));
    }

    /** The survivor of each of these persons that is known. One query. */
    public java.util.Map<UUID, UUID> survivorsOf(java.util.Collection<UUID> personIds) {
        return db.select(PROFILE_PERSON.ID, PROFILE_PERSON.SURVIVOR_ID).from(PROFILE_PERSON)
                .where(PROFILE_PERSON.ID.eq(any(personIds.toArray(UUID[]::new))))
                .fetchMap(PROFILE_PERSON.ID, PROFILE_PERSON.SURVIVOR_ID);
    }

    /** The survivor of the person holding each of these identifiers, by identifier key, for those known. */
    public java.util.Map<String, UUID> survivorsOfKeys(java.util.Collection<String> identifierKeys) {
        return db.select(PROFILE_IDENTIFIER.IDENTIFIER_KEY, PROFILE_PERSON.SURVIVOR_ID).from(PROFILE_IDENTIFIER)
                .join(PROFILE_PERSON).on(PROFILE_PERSON.ID.eq(PROFILE_IDENTIFIER.PERSON_ID))
                .where(PROFILE_IDENTIFIER.IDENTIFIER_KEY.eq(any(identifierKeys.toArray(String[]::new))))
                .fetchMap(PROFILE_IDENTIFIER.IDENTIFIER_KEY, PROFILE_PERSON.SURVIVOR_ID);
    }

    /** The identifiers of each of these groups (keyed by root). One query. */
    public java.util.Map<UUID, List<Identifier>> identifiersOf(java.util.Collection<UUID> roots) {
        java.util.Map<UUID, List<Identifier>> byRoot = new java.util.HashMap<>();
        db.select(PROFILE_PERSON.SURVIVOR_ID, PROFILE_IDENTIFIER.IDENTIFIER_TYPE, PROFILE_IDENTIFIER.IDENTIFIER_VALUE)
                .from(PROFILE_IDENTIFIER)
                .join(PROFILE_PERSON).on(PROFILE_PERSON.ID.eq(PROFILE_IDENTIFIER.PERSON_ID))
                .where(PROFILE_PERSON.SURVIVOR_ID.eq(any(roots.toArray(UUID[]::new))))
                .forEach(r -> byRoot.computeIfAbsent(r.value1(), root -> new java.util.ArrayList<>())
                        .add(new Identifier(IdentifierType.fromCode(r.value2()).orElseThrow(), r.value3())));
        return byRoot;
    }

    /** The identifiers of a person's group (the root's and those of the persons merged into it). */
    public List<Identifier> identifiers(UUID root) {
        return db.select(PROFILE_IDENTIFIER.IDENTIFIER_TYPE, PROFILE_IDENTIFIER.IDENTIFIER_VALUE).from(PROFILE_IDENTIFIER)
                .join(PROFILE_PERSON).on(PROFILE_PERSON.ID.eq(PROFILE_IDENTIFIER.PERSON_ID))
                .where(PROFILE_PERSON.SURVIVOR_ID.eq(root))
                .fetch(r -> new Identifier(IdentifierType.fromCode(r.value1()).orElseThrow(), r.value2()));
    }

    public Optional<ProfileView> view(UUID root) {
        List<PersonState> members = db.selectFrom(PROFILE_PERSON).where(PROFILE_PERSON.SURVIVOR_ID.eq(root))
                .fetch().map(rows::person);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        List<UUID> ids = members.stream().map(member -> member.id).toList();
        List<ProfileView.IdentifierView> identifiers = db.selectFrom(PROFILE_IDENTIFIER)
                .where(PROFILE_IDENTIFIER.PERSON_ID.eq(any(ids.toArray(UUID[]::new))))
                .orderBy(PROFILE_IDENTIFIER.CREATED_AT, PROFILE_IDENTIFIER.IDENTIFIER_TYPE,
                        PROFILE_IDENTIFIER.IDENTIFIER_VALUE)
                .fetch(row -> new ProfileView.IdentifierView(
                        IdentifierType.fromCode(row.getIdentifierType()).orElseThrow(), row.getIdentifierValue(),
                        row.getPersonId(), row.getCreatedAt()));
        List<ProfileView.MergeView> merged = db.selectFrom(PROFILE_MERGE)
                .where(PROFILE_MERGE.SURVIVOR_ID.eq(any(ids.toArray(UUID[]::new))).and(PROFILE_MERGE.UNMERGED_AT.isNull()))
                .orderBy(PROFILE_MERGE.MERGED_AT, PROFILE_MERGE.ID)
                .fetch(row -> new ProfileView.MergeView(row.getMergedId(), row.getSurvivorId(), row.getReason(),
                        row.getIdentifierType() == null ? null : new Identifier(
                                IdentifierType.fromCode(row.getIdentifierType()).orElseThrow(),
                                row.getIdentifierValue()),
                        row.getEventId(), row.getMergedAt()));
        PersonState rootRow = members.stream().filter(member -> member.id.equals(root)).findFirst()
                .orElseThrow();
        ProfileView.Statistics statistics = statistics(members);
        return Optional.of(new ProfileView(root, rootRow.createdAt,
                lifecycle(identifiers.stream().map(ProfileView.IdentifierView::type).toList(), statistics),
                identifiers, attributes(members), acquisition(members), statistics, merged));
    }

    private Lifecycle lifecycle(List<IdentifierType> types, ProfileView.Statistics statistics) {
        if (statistics.lastPurchaseAt() != null) {
            return statistics.lastPurchaseAt().isBefore(clock.instant().minus(lifecycle.lapsedAfter()))
                    ? Lifecycle.LAPSED : Lifecycle.CUSTOMER;
        }
        return types.stream().anyMatch(IdentifierType::identifying) ? Lifecycle.PROSPECT : Lifecycle.ANONYMOUS;
    }

    private ProfileView.Attributes attributes(List<PersonState> members) {
        // The traits told last win, whichever record of the group they were told to.
        List<PersonState> latestFirst = members.stream()
                .sorted(Comparator.comparing((PersonState p) -> p.traitsAt,
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        Map<String, Object> custom = new TreeMap<>();
        for (PersonState member : latestFirst.reversed()) {
            if (member.attributes != null) {
                custom.putAll(json.readValue(member.attributes, Map.class));
            }
        }
        String address = first(latestFirst, p -> p.address);
        return new ProfileView.Attributes(first(latestFirst, p -> p.firstName), first(latestFirst, p -> p.lastName),
                first(latestFirst, p -> p.locale), first(latestFirst, p -> p.timeZone),
                first(latestFirst, p -> p.birthDate), address == null ? null : json.readValue(address, Map.class),
                custom);
    }

    private static <T> T first(List<PersonState> members, Function<PersonState, T> field) {
        return members.stream().map(field).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static ProfileView.Acquisition acquisition(List<PersonState> members) {
        ProfileView.FirstTouch touch = members.stream().filter(p -> p.firstTouchAt != null)
                .min(Comparator.comparing(p -> p.firstTouchAt))
                .map(p -> new ProfileView.FirstTouch(p.firstTouchAt, Channel.fromCode(p.firstTouchChannel)
                        .orElse(Channel.OTHER), p.firstTouchSource, p.firstTouchCampaign))
                .orElse(null);
        ProfileView.FirstPurchase purchase = members.stream().filter(p -> p.firstPurchaseAt != null)
                .min(Comparator.comparing(p -> p.firstPurchaseAt))
                .map(p -> new ProfileView.FirstPurchase(p.firstPurchaseAt, Channel.fromCode(p.firstPurchaseChannel)
                        .orElse(Channel.OTHER), p.firstPurchaseStore))
                .orElse(null);
        return new ProfileView.Acquisition(touch, purchase);
    }

    private static ProfileView.Statistics statistics(List<PersonState> members) {
        long events = 0;
        Instant firstSeen = null;
        Instant lastSeen = null;
        Instant firstPurchase = null;
        Instant lastPurchase = null;
        Map<String, PersonStats.Purchases> purchases = new TreeMap<>();
        Map<String, PersonStats.Interactions> channels = new TreeMap<>();
        for (PersonState member : members) {
            events += member.eventsCount;
            if (member.firstSeenAt != null) {
                firstSeen = PersonState.min(firstSeen, member.firstSeenAt);
                lastSeen = PersonState.max(lastSeen, member.lastSeenAt);
            }
            if (member.firstPurchaseAt != null) {
                firstPurchase = PersonState.min(firstPurchase, member.firstPurchaseAt);
                lastPurchase = PersonState.max(lastPurchase, member.lastPurchaseAt);
            }
            member.stats.purchases.forEach((currency, p) -> {
                PersonStats.Purchases sum = purchases.computeIfAbsent(currency, c -> new PersonStats.Purchases());
                sum.orders += p.orders;
                sum.revenue = sum.revenue.add(p.revenue);
                sum.returns += p.returns;
                sum.returned = sum.returned.add(p.returned);
            });
            member.stats.channels.forEach((channel, i) -> {
                PersonStats.Interactions sum = channels.computeIfAbsent(channel, c -> new PersonStats.Interactions());
                sum.events += i.events;
                sum.lastAt = i.lastAt == null ? sum.lastAt : PersonState.max(sum.lastAt, i.lastAt);
            });
        }
        List<ProfileView.Purchases> byCurrency = new ArrayList<>();
        purchases.forEach((currency, p) -> {
            int scale = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
            BigDecimal average = p.orders == 0 ? BigDecimal.ZERO.setScale(scale)
                    : p.revenue.divide(BigDecimal.valueOf(p.orders), scale, RoundingMode.HALF_EVEN);
            byCurrency.add(new ProfileView.Purchases(currency, p.orders, p.revenue.setScale(scale), average,
                    p.returns, p.returned.setScale(scale)));
        });
        List<ProfileView.Interactions> byChannel = new ArrayList<>();
        channels.forEach((channel, i) -> byChannel.add(new ProfileView.Interactions(
                Channel.fromCode(channel).orElse(Channel.OTHER), i.events, i.lastAt)));
        return new ProfileView.Statistics(events, firstSeen, lastSeen, firstPurchase, lastPurchase, byCurrency,
                byChannel);
    }

    public CursorPage<TimelineEntry> timeline(UUID root, Set<Channel> channels, Set<String> types, String cursor,
                                              int limit) {
        Condition after = noCondition();
        if (cursor != null) {
            List<String> parts = Cursors.decode(cursor, 2);
            Instant at;
            try {
                at = Instant.parse(parts.get(0));
            } catch (RuntimeException e) {
                throw Cursors.invalid();
            }
            after = PROFILE_EVENT.OCCURRED_AT.lt(at)
                    .or(PROFILE_EVENT.OCCURRED_AT.eq(at).and(PROFILE_EVENT.ID.lt(parts.get(1))));
        }
        // One ordered index scan per person of the group (usually one), each stopped at the page's size, then merged:
        // a single query over the whole group would read and sort every event of a long history.
        List<UUID> members = db.select(PROFILE_PERSON.ID).from(PROFILE_PERSON)
                .where(PROFILE_PERSON.SURVIVOR_ID.eq(root)).fetch(PROFILE_PERSON.ID);
        List<TimelineEntry> entries = new ArrayList<>();
        for (UUID member : members) {
            entries.addAll(db.selectFrom(PROFILE_EVENT)
                    .where(PROFILE_EVENT.PERSON_ID.eq(member))
                    .and(channels.isEmpty() ? noCondition()
                            : PROFILE_EVENT.CHANNEL.in(channels.stream().map(Channel::code).toList()))
                    .and(types.isEmpty() ? noCondition() : PROFILE_EVENT.EVENT_TYPE.in(types))
                    .and(after)
                    .orderBy(PROFILE_EVENT.OCCURRED_AT.desc(), PROFILE_EVENT.ID.desc())
                    .limit(limit + 1)
                    .fetch(row -> new TimelineEntry(row.getId(), row.getEventType(),
                            Channel.fromCode(row.getChannel()).orElse(Channel.OTHER), row.getOccurredAt(),
                            row.getReceivedAt(), row.getPersonId(), row.getIdentifiers(), row.getProperties())));
        }
        if (members.size() > 1) {
            // Ties on the instant are rare across persons; they are ordered by id as the database orders them.
            entries.sort(java.util.Comparator.comparing(TimelineEntry::occurredAt).thenComparing(TimelineEntry::id)
                    .reversed());
            if (entries.size() > limit + 1) {
                entries = new ArrayList<>(entries.subList(0, limit + 1));
            }
        }
        return CursorPage.of(entries, limit, entry -> Cursors.encode(entry.occurredAt().toString(), entry.id()));
    }

    /**
     * Persons whose name, email, phone, card or customer id starts with what was typed, best known first. Phone
     * prefixes are matched in E.164, so {@code 06 12} finds {@code +33612...} when the default region is FR.
     */
    public List<ProfileSummary> search(String typed, List<String> phonePrefixes, int limit) {
        String text = typed.strip();
        String key = SearchKeys.of(text);
        Set<UUID> found = new LinkedHashSet<>();
        List<Condition> byIdentifier = new ArrayList<>();
        byIdentifier.add(keyStartsWith(IdentifierType.EMAIL, text.toLowerCase(java.util.Locale.ROOT)));
        byIdentifier.add(keyStartsWith(IdentifierType.CUSTOMER_ID, text));
        byIdentifier.add(keyStartsWith(IdentifierType.LOYALTY_CARD, text));
        for (String phone : phonePrefixes) {
            byIdentifier.add(keyStartsWith(IdentifierType.PHONE, phone));
        }
        for (Condition condition : byIdentifier) {
            found.addAll(db.selectDistinct(PROFILE_PERSON.SURVIVOR_ID).from(PROFILE_IDENTIFIER)
                    .join(PROFILE_PERSON).on(PROFILE_PERSON.ID.eq(PROFILE_IDENTIFIER.PERSON_ID))
                    .where(condition).limit(limit).fetch(PROFILE_PERSON.SURVIVOR_ID));
        }
        String[] words = key.split("\\s+", 2);
        Condition byName = words.length == 2
                ? PROFILE_PERSON.FIRST_NAME_KEY.like(prefix(words[0]), ESCAPE)
                        .and(PROFILE_PERSON.LAST_NAME_KEY.like(prefix(words[1]), ESCAPE))
                .or(PROFILE_PERSON.LAST_NAME_KEY.like(prefix(words[0]), ESCAPE)
                        .and(PROFILE_PERSON.FIRST_NAME_KEY.like(prefix(words[1]), ESCAPE)))
                .or(PROFILE_PERSON.LAST_NAME_KEY.like(prefix(key), ESCAPE))
                : PROFILE_PERSON.LAST_NAME_KEY.like(prefix(key), ESCAPE)
                .or(PROFILE_PERSON.FIRST_NAME_KEY.like(prefix(key), ESCAPE));
        found.addAll(db.selectDistinct(PROFILE_PERSON.SURVIVOR_ID).from(PROFILE_PERSON).where(byName)
                .limit(limit).fetch(PROFILE_PERSON.SURVIVOR_ID));
        return summaries(found.stream().limit(limit).toList());
    }

    private List<ProfileSummary> summaries(List<UUID> roots) {
        if (roots.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<PersonState>> groups = new HashMap<>();
        db.selectFrom(PROFILE_PERSON).where(PROFILE_PERSON.SURVIVOR_ID.eq(any(roots.toArray(UUID[]::new)))).fetch()
                .forEach(row -> groups.computeIfAbsent(row.getSurvivorId(), r -> new ArrayList<>())
                        .add(rows.person(row)));
        Map<UUID, List<Identifier>> identifiers = new HashMap<>();
        db.select(PROFILE_PERSON.SURVIVOR_ID, PROFILE_IDENTIFIER.IDENTIFIER_TYPE, PROFILE_IDENTIFIER.IDENTIFIER_VALUE)
                .from(PROFILE_IDENTIFIER).join(PROFILE_PERSON).on(PROFILE_PERSON.ID.eq(PROFILE_IDENTIFIER.PERSON_ID))
                .where(PROFILE_PERSON.SURVIVOR_ID.eq(any(roots.toArray(UUID[]::new))))
                .orderBy(PROFILE_IDENTIFIER.CREATED_AT)
                .fetch()
                .forEach(row -> identifiers.computeIfAbsent(row.value1(), r -> new ArrayList<>())
                        .add(new Identifier(IdentifierType.fromCode(row.value2()).orElseThrow(), row.value3())));
        List<ProfileSummary> summaries = new ArrayList<>();
        for (UUID root : roots) {
            List<PersonState> members = groups.getOrDefault(root, List.of());
            if (members.isEmpty()) {
                continue;
            }
            List<Identifier> known = identifiers.getOrDefault(root, List.of());
            ProfileView.Attributes attributes = attributes(members);
            summaries.add(new ProfileSummary(root, attributes.firstName(), attributes.lastName(),
                    lifecycle(known.stream().map(Identifier::type).toList(), statistics(members)),
                    known.stream().filter(i -> i.type().identifying() && i.type() != IdentifierType.PAYMENT_TOKEN)
                            .toList()));
        }
        return summaries;
    }

    public CursorPage<IdentityConflict> conflicts(String cursor, int limit) {
        Condition after = noCondition();
        if (cursor != null) {
            after = PROFILE_CONFLICT.ID.lt(Cursors.decodeUuid(cursor));
        }
        List<IdentityConflict> conflicts = db.selectFrom(PROFILE_CONFLICT).where(after)
                .orderBy(PROFILE_CONFLICT.ID.desc()).limit(limit + 1)
                .fetch(row -> new IdentityConflict(row.getId(), row.getPersonId(), row.getOtherPersonId(),
                        new Identifier(IdentifierType.fromCode(row.getIdentifierType()).orElseThrow(),
                                row.getIdentifierValue()), row.getReason(), row.getEventId(), row.getRecordedAt()));
        return CursorPage.of(conflicts, limit, conflict -> Cursors.encode(conflict.id().toString()));
    }

    private static Condition keyStartsWith(IdentifierType type, String text) {
        return PROFILE_IDENTIFIER.IDENTIFIER_KEY.like(prefix(new Identifier(type, text).key()), ESCAPE);
    }

    private static String prefix(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
