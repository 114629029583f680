-- H2 has no partial index: the same index as on PostgreSQL, over every row.
create index loyalty_entry_open_lots on loyalty_entry (person_id, remaining);
