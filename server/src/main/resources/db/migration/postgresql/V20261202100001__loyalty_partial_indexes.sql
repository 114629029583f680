-- Only rows with a value are indexed: most accounts have no card yet and no review due, and most entries are not lots.
create unique index loyalty_account_card_uk on loyalty_account (card_number) where card_number is not null;
create index loyalty_account_review on loyalty_account (review_at) where review_at is not null;
-- The expiry job looks for lots with points left whose time has come.
create index loyalty_entry_lot_expiry on loyalty_entry (expires_at) where remaining > 0;

-- Room on each page for the new version of a row, so that an account's update stays on its page (HOT).
alter table loyalty_account set (fillfactor = 70);
