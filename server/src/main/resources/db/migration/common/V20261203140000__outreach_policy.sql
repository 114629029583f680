-- The brand's contact policy, one row per saved version; the highest is in force.
create table outreach_policy (
    version    integer      not null primary key,
    definition varchar(100000) not null,
    created_at timestamp with time zone not null,
    created_by varchar(200) not null
);
