-- The back-office dashboard counts what happened over the last days: events per day and channel, persons created,
-- gate verdicts. Each count reads a range of one time column; without these indexes it would read the whole table.
-- The values are appended in time order, so an insert touches the rightmost leaf of each index only.

-- (occurred_at, channel): PostgreSQL counts events per day and channel from the index alone (index-only scan), never
-- reading the wide event rows.
create index profile_event_occurred on profile_event (occurred_at, channel);

-- created_at never changes: a person's frequent updates stay HOT on PostgreSQL.
create index profile_person_created on profile_person (created_at);

create index outreach_decision_decided on outreach_decision (decided_at);
