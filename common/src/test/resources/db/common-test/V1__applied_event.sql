-- What the test consumer's effect writes, in the transaction of the consumption. No key on the
-- incident: an event applied twice would show as two rows.
create table applied_event (
    id           bigint generated always as identity primary key,
    incident_id  uuid not null,
    actor        text not null,
    trace_id     text
);
