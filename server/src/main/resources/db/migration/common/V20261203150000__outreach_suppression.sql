-- What remains of an erased person: the SHA-256 of each identifier they had (type:value), so that a later import
-- naming one of them cannot make them contactable again. Nothing else is kept.
create table outreach_suppression (
    identifier_hash varchar(64)  not null primary key,
    created_at      timestamp with time zone not null
);
