-- H2 has no partial index: every entry is indexed by its lot's expiry.
create index loyalty_entry_lot_expiry on loyalty_entry (expires_at, remaining);
