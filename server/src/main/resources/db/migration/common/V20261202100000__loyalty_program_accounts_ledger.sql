-- Loyalty programs, one row per saved version; the highest version is in force.
create table loyalty_program (
    version    integer      not null primary key,
    definition varchar(2000000) not null,
    created_at timestamp with time zone not null,
    created_by varchar(200) not null
);

-- One row per person (the root of a merged group) that loyalty has seen something of. Points are not stored here:
-- the balance is the sum of the person's open lots.
create table loyalty_account (
    person_id        uuid         not null primary key,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    tier             varchar(40),
    tier_since       timestamp with time zone,
    -- when the review job must look at this account again: the tier stops being met, or its grace ends
    review_at        timestamp with time zone,
    -- the first review that found the tier no longer met; the tier is lowered when the grace has passed
    at_risk_since    timestamp with time zone,
    card_number      varchar(32),
    card_issued_at   timestamp with time zone,
    -- points a return took back after they were spent, cleared by the next earnings
    debt             bigint       not null,
    last_activity_at timestamp with time zone,
    program_version  integer      not null,
    -- the recent orders qualification measures (JSON kept by the application)
    qualification    varchar(1000000) not null
);
-- The card number is unique, and the review looks up accounts by review_at: both indexes are in the vendor
-- migrations, partial where the database allows it. An account changes with every purchase: the fewer indexes its
-- updates touch, the cheaper they are (on PostgreSQL, an update touching no indexed column is HOT).

-- Orders that were returned: what they earned, how much of them was returned and how many points were taken back.
-- A row is made at the first return, from the entry the order earned (an order earns once, keyed by its order id,
-- whatever path brings it: API, import, till).
create table loyalty_order (
    order_id     varchar(500) not null primary key,
    person_id    uuid         not null,
    occurred_at  timestamp with time zone not null,
    currency     varchar(3)   not null,
    amount       decimal(19, 4) not null,
    returned     decimal(19, 4) not null,
    points       bigint       not null,
    reversed     bigint       not null
);
create index loyalty_order_person on loyalty_order (person_id);

-- Points set aside for a basket until they are captured, released, or run out.
create table loyalty_hold (
    id         uuid         not null primary key,
    person_id  uuid         not null,
    source     varchar(520) not null,
    points     bigint       not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    state      varchar(10)  not null,
    constraint loyalty_hold_source_uk unique (source)
);
create index loyalty_hold_person on loyalty_hold (person_id, state);
create index loyalty_hold_expiry on loyalty_hold (state, expires_at);

-- The ledger: one entry per change, idempotent on (kind, source). points is the effect on the balance, held the
-- effect on the points set aside. An entry that adds points is also the lot they live in: remaining (null for other
-- entries) goes down as they are spent, taken back or expire, and is the only column ever updated.
create table loyalty_entry (
    id          uuid         not null primary key,
    person_id   uuid         not null,
    kind        varchar(10)  not null,
    source      varchar(520) not null,
    points      bigint       not null,
    held        bigint       not null,
    remaining   bigint,
    expires_at  timestamp with time zone,
    -- what earned it: purchase, or the event type of a bonus; daily caps count by it
    rule        varchar(64),
    occurred_at timestamp with time zone not null,
    recorded_at timestamp with time zone not null,
    actor       varchar(200) not null,
    reason      varchar(500),
    details     varchar(1000000) not null,
    constraint loyalty_entry_source_uk unique (kind, source)
);
create index loyalty_entry_person on loyalty_entry (person_id, id);
