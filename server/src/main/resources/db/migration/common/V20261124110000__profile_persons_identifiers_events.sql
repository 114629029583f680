-- One row per person ever seen. A person merged into another keeps its row: merged_into names the person it was
-- merged into, survivor_id the root of its group (itself while it is not merged). Statistics are kept per row, for
-- the person's own events, and summed over the group when read, so that a merge or an unmerge rewrites nothing.
create table profile_person (
    id                     uuid         not null primary key,
    survivor_id            uuid         not null,
    merged_into            uuid,
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null,
    first_name             varchar(200),
    last_name              varchar(200),
    -- lower-cased, accents removed: what prefix search compares with
    first_name_key         varchar(200),
    last_name_key          varchar(200),
    locale                 varchar(35),
    time_zone              varchar(64),
    birth_date             date,
    address                varchar(4000),
    attributes             varchar(1000000),
    -- when the traits above were last told: an older event arriving late does not overwrite them
    traits_at              timestamp with time zone,
    events_count           bigint       not null,
    first_seen_at          timestamp with time zone,
    last_seen_at           timestamp with time zone,
    first_touch_at         timestamp with time zone,
    first_touch_channel    varchar(20),
    first_touch_source     varchar(200),
    first_touch_campaign   varchar(200),
    first_purchase_at      timestamp with time zone,
    first_purchase_channel varchar(20),
    first_purchase_store   varchar(200),
    last_purchase_at       timestamp with time zone,
    -- purchases and returns per currency, interactions per channel (JSON kept by the application)
    stats                  varchar(16000) not null
);
create index profile_person_survivor on profile_person (survivor_id);
create index profile_person_last_name on profile_person (last_name_key);
create index profile_person_first_name on profile_person (first_name_key);

-- Each normalised identifier belongs to one person, for ever: merges re-point persons, not identifiers. The key is
-- "type:value" (email:jane@example.com): one unique column, so that a lookup of many identifiers at once is planned
-- as index probes even before the table has statistics, and prefix search uses the same index.
create table profile_identifier (
    identifier_key   varchar(341) not null primary key,
    identifier_type  varchar(20)  not null,
    identifier_value varchar(320) not null,
    person_id        uuid         not null,
    created_at       timestamp with time zone not null,
    event_id         varchar(128)
);
create index profile_identifier_person on profile_identifier (person_id);

-- The event log: the truth the profile is projected from. The id is the client's (idempotency); person_id is the
-- person the event was recorded for and never changes.
create table profile_event (
    id          varchar(128) not null primary key,
    person_id   uuid         not null,
    event_type  varchar(64)  not null,
    channel     varchar(20)  not null,
    occurred_at timestamp with time zone not null,
    received_at timestamp with time zone not null,
    identifiers varchar(4000) not null,
    properties  varchar(1000000) not null
);
create index profile_event_timeline on profile_event (person_id, occurred_at, id);

create table profile_merge (
    id               uuid        not null primary key,
    survivor_id      uuid        not null,
    merged_id        uuid        not null,
    reason           varchar(40) not null,
    identifier_type  varchar(20),
    identifier_value varchar(320),
    event_id         varchar(128),
    merged_at        timestamp with time zone not null,
    unmerged_at      timestamp with time zone,
    unmerged_by      varchar(200)
);
create index profile_merge_merged on profile_merge (merged_id);
create index profile_merge_survivor on profile_merge (survivor_id);

-- Merges and identifiers refused to protect a person from a runaway merge, kept for review.
create table profile_conflict (
    id               uuid        not null primary key,
    person_id        uuid        not null,
    other_person_id  uuid,
    identifier_type  varchar(20) not null,
    identifier_value varchar(320) not null,
    reason           varchar(40) not null,
    event_id         varchar(128),
    recorded_at      timestamp with time zone not null
);
create index profile_conflict_person on profile_conflict (person_id);

-- Persons a staff user separated (unmerge): an event naming both later does not merge them again.
create table profile_separation (
    person_id  uuid not null,
    other_id   uuid not null,
    created_at timestamp with time zone not null,
    primary key (person_id, other_id)
);
