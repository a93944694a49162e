-- Events a consumer has applied, by CloudEvents id: a redelivered or replayed event changes
-- nothing. Recorded in the same transaction as the event's effect. Kept as long as the topics
-- keep events (forever), so a replay from the beginning is harmless.
create table processed_event (
    consumer      text        not null,
    event_id      uuid        not null,
    processed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
