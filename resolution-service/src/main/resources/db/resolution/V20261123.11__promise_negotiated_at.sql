-- When a promise's due time was last agreed: the at-risk warning comes at 75% of the time from
-- here to dueAt.
alter table case_promise add column negotiated_at timestamptz;
update case_promise set negotiated_at = made_at;
alter table case_promise alter column negotiated_at set not null;
