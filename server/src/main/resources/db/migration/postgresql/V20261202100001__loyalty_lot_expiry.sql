-- The expiry job looks for lots with points left whose time has come: only those are indexed.
create index loyalty_lot_expiry on loyalty_lot (expires_at) where remaining > 0;
