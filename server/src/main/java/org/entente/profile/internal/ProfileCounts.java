package org.entente.profile.internal;

import org.entente.profile.Channel;
import org.entente.profile.DailyEvents;
import org.entente.profile.IdentifierType;
import org.entente.profile.Lifecycle;
import org.entente.profile.LifecycleCount;
import org.entente.profile.db.tables.ProfileIdentifier;
import org.entente.profile.db.tables.ProfilePerson;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.entente.profile.db.Tables.PROFILE_EVENT;
import static org.entente.profile.db.Tables.PROFILE_IDENTIFIER;
import static org.entente.profile.db.Tables.PROFILE_PERSON;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.extract;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.floor;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.when;

/** Counts over every person or event, for the dashboards: one aggregate query each, on an index of the time read. */
@Repository
public class ProfileCounts {

    private static final int SECONDS_PER_DAY = 86_400;

    private final DSLContext db;
    private final LifecycleProperties lifecycle;
    private final Clock clock;

    ProfileCounts(DSLContext db, LifecycleProperties lifecycle, Clock clock) {
        this.db = db;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** Events per UTC day and channel, for the days from {@code from} to {@code to} included. */
    public List<DailyEvents> eventsPerDay(LocalDate from, LocalDate to) {
        // The day as a number of days since 1970-01-01 UTC: the same on every database, whatever the session's time
        // zone (a cast to date would use it). The divisor is inlined so that the grouped expression is the selected one.
        Field<?> day = floor(extract(PROFILE_EVENT.OCCURRED_AT, DatePart.EPOCH).div(inline(SECONDS_PER_DAY)));
        Field<Integer> events = count();
        return db.select(day, PROFILE_EVENT.CHANNEL, events)
                .from(PROFILE_EVENT)
                .where(PROFILE_EVENT.OCCURRED_AT.ge(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .and(PROFILE_EVENT.OCCURRED_AT.lt(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .groupBy(day, PROFILE_EVENT.CHANNEL)
                .orderBy(day, PROFILE_EVENT.CHANNEL)
                .fetch(row -> new DailyEvents(LocalDate.ofEpochDay(((Number) row.value1()).longValue()),
                        Channel.fromCode(row.value2()).orElse(Channel.OTHER), row.value3()));
    }

    /**
     * Persons created in {@code [from, to)} that are not merged into another, by their lifecycle stage now (the one
     * {@link ProfileReader} derives: a purchase in the group, or an identifying identifier).
     */
    public List<LifecycleCount> newPersons(Instant from, Instant to) {
        ProfilePerson root = PROFILE_PERSON.as("root");
        ProfilePerson member = PROFILE_PERSON.as("member");
        ProfileIdentifier identifier = PROFILE_IDENTIFIER.as("identifier");
        Table<?> created = select(root.ID,
                field(select(max(member.LAST_PURCHASE_AT)).from(member).where(member.SURVIVOR_ID.eq(root.ID)))
                        .as("last_purchase_at"))
                .from(root)
                .where(root.CREATED_AT.ge(from)).and(root.CREATED_AT.lt(to)).and(root.ID.eq(root.SURVIVOR_ID))
                .asTable("created");
        Field<java.util.UUID> id = created.field(root.ID);
        Field<Instant> lastPurchase = created.field(name("last_purchase_at"), Instant.class);
        Field<String> stage = when(lastPurchase.lt(clock.instant().minus(lifecycle.lapsedAfter())),
                inline(Lifecycle.LAPSED.name()))
                .when(lastPurchase.isNotNull(), inline(Lifecycle.CUSTOMER.name()))
                .when(exists(selectOne().from(member)
                        .join(identifier).on(identifier.PERSON_ID.eq(member.ID))
                        .where(member.SURVIVOR_ID.eq(id))
                        .and(identifier.IDENTIFIER_TYPE.in(Arrays.stream(IdentifierType.values())
                                .filter(IdentifierType::identifying).map(IdentifierType::code).toList()))),
                        inline(Lifecycle.PROSPECT.name()))
                .otherwise(inline(Lifecycle.ANONYMOUS.name()))
                .as("stage");
        Table<?> staged = select(stage).from(created).asTable("staged");
        Field<String> stageOf = staged.field(name("stage"), String.class);
        Map<Lifecycle, Long> counts = new EnumMap<>(Lifecycle.class);
        db.select(stageOf, count()).from(staged).groupBy(stageOf)
                .forEach(row -> counts.put(Lifecycle.valueOf(row.value1()), row.value2().longValue()));
        return Arrays.stream(Lifecycle.values())
                .map(stageValue -> new LifecycleCount(stageValue, counts.getOrDefault(stageValue, 0L))).toList();
    }
}
