-- Messages sent through the gate, and their delivery: a durable queue (due ones are those waiting whose next attempt
-- has come) and the record of what was sent, to whom, and what became of it.
--   status: queued (allowed, its slot held by decision_id), deferred (waiting for the gate to allow it), sent,
--           delivered, bounced, failed, denied, cancelled (refused when checked again before sending), dropped
--           (expired while waiting)
create table outreach_message (
    id              uuid          not null primary key,
    idempotency_key varchar(200)  not null,
    person_id       uuid          not null,
    channel         varchar(20)   not null,
    message_class   varchar(15)   not null,
    topic           varchar(40),
    campaign        varchar(200),
    template        varchar(60),
    locale          varchar(10)   not null,
    recipient       varchar(320),
    subject         varchar(500),
    body            varchar(100000) not null,
    status          varchar(12)   not null,
    reasons         varchar(500)  not null,
    decision_id     uuid,
    gate_checks     integer       not null,
    attempts        integer       not null,
    send_at         timestamp with time zone not null,
    expires_at      timestamp with time zone,
    next_attempt_at timestamp with time zone,
    created_at      timestamp with time zone not null,
    created_by      varchar(200)  not null,
    sent_at         timestamp with time zone,
    delivered_at    timestamp with time zone,
    opened_at       timestamp with time zone,
    updated_at      timestamp with time zone not null,
    constraint outreach_message_key_uk unique (idempotency_key)
);
create index outreach_message_person on outreach_message (person_id, id);
create index outreach_message_due on outreach_message (next_attempt_at);
