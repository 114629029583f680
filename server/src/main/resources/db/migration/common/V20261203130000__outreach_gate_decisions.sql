-- One row per person the gate has decided about: what its decisions lock, so that parallel senders reserve a
-- person's contact slots one after the other.
create table outreach_person (
    person_id  uuid         not null primary key,
    created_at timestamp with time zone not null
);

-- Every verdict of the gate, with its reasons: an allow is a reserved slot, counted against the caps of the period
-- it is sent in. The idempotency key gives a sender the same verdict again, never a second slot.
create table outreach_decision (
    id              uuid         not null primary key,
    idempotency_key varchar(200) not null,
    person_id       uuid,
    channel         varchar(20)  not null,
    message_class   varchar(15)  not null,
    topic           varchar(40),
    campaign        varchar(200),
    verdict         varchar(10)  not null,
    reasons         varchar(500) not null,
    defer_until     timestamp with time zone,
    send_at         timestamp with time zone not null,
    decided_at      timestamp with time zone not null,
    decided_by      varchar(200) not null,
    constraint outreach_decision_key_uk unique (idempotency_key)
);
create index outreach_decision_person on outreach_decision (person_id, send_at);
