-- H2 has no partial index: the same indexes as on PostgreSQL, over every row.
create unique index loyalty_account_card_uk on loyalty_account (card_number);
create index loyalty_account_review on loyalty_account (review_at);
create index loyalty_entry_lot_expiry on loyalty_entry (expires_at, remaining);
