-- Events refused at intake, with their reason, for their sender to see (nothing is dropped silently).
create table intake_rejection (
    id          uuid         not null primary key,
    received_at timestamp with time zone not null,
    sender      varchar(200) not null,
    source      varchar(20)  not null,
    event_id    varchar(128),
    event_type  varchar(64),
    reason      varchar(60)  not null,
    field       varchar(200),
    payload     varchar(16000)
);
create index intake_rejection_sender on intake_rejection (sender, id);

create table intake_import (
    id            uuid         not null primary key,
    kind          varchar(20)  not null,
    state         varchar(20)  not null,
    sender        varchar(200) not null,
    created_at    timestamp with time zone not null,
    started_at    timestamp with time zone,
    finished_at   timestamp with time zone,
    bytes          bigint       not null,
    bytes_read     bigint       not null,
    rows_read      bigint       not null,
    rows_accepted  bigint       not null,
    rows_duplicate bigint       not null,
    rows_rejected  bigint       not null,
    error         varchar(2000)
);

create table intake_import_rejection (
    import_id uuid        not null,
    line      bigint      not null,
    reason    varchar(60) not null,
    field     varchar(200),
    content   varchar(4000),
    primary key (import_id, line)
);
