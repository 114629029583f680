-- H2 has no partial index: every lot is indexed by its expiry.
create index loyalty_lot_expiry on loyalty_lot (expires_at, remaining);
