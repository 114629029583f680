-- Single-use sign-in links of the customer portal: only the SHA-256 of each token is kept, so that the table alone
-- cannot sign anybody in.
create table portal_sign_in_link (
    token_hash varchar(64) not null primary key,
    person_id  uuid        not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone
);
create index portal_sign_in_link_person on portal_sign_in_link (person_id, created_at);
