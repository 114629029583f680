-- What each person (the root of a merged group) chose about being contacted: one row, the JSON kept by the
-- application, with its version for optimistic concurrency.
create table outreach_preferences (
    person_id   uuid         not null primary key,
    version     integer      not null,
    preferences varchar(100000) not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(200) not null,
    source      varchar(20)  not null
);

-- Every change of preferences: who made it, through which channel, what they were before and after.
create table outreach_preference_change (
    id         uuid         not null primary key,
    person_id  uuid         not null,
    changed_at timestamp with time zone not null,
    actor      varchar(200) not null,
    source     varchar(20)  not null,
    before     varchar(100000),
    after      varchar(100000) not null
);
create index outreach_preference_change_person on outreach_preference_change (person_id, id);

-- The consent ledger, append-only: the current state of a purpose on a channel is its latest record.
create table outreach_consent (
    id             uuid         not null primary key,
    person_id      uuid         not null,
    purpose        varchar(40)  not null,
    channel        varchar(20)  not null,
    status         varchar(10)  not null,
    source         varchar(20)  not null,
    actor          varchar(10)  not null,
    recorded_by    varchar(200) not null,
    notice_version varchar(40)  not null,
    legal_basis    varchar(30)  not null,
    given_at       timestamp with time zone not null,
    recorded_at    timestamp with time zone not null,
    -- SHA-256 of the IP address the customer used, never the address itself
    ip_hash        varchar(64),
    user_agent     varchar(500)
);
create index outreach_consent_person on outreach_consent (person_id, id);
