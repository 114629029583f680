-- A till reads a person's open lots at every quote: only the lots with points left are indexed, however long the
-- person's ledger grows (holds and releases add entries at every basket that spends points).
create index loyalty_entry_open_lots on loyalty_entry (person_id) where remaining > 0;
