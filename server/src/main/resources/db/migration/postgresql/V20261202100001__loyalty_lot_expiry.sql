-- The expiry job looks for lots with points left whose time has come: only those are indexed.
create index loyalty_entry_lot_expiry on loyalty_entry (expires_at) where remaining > 0;

-- Room on each page for the new version of a row, so that an account's update stays on its page (HOT).
alter table loyalty_account set (fillfactor = 70);
