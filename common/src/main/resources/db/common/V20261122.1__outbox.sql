-- The transactional outbox shared by every service (common module, location db/common).
-- Versions are dates so common's and a service's migrations never collide.
create table outbox_event (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    event_type   text        not null,
    payload      text        not null,
    traceparent  text,
    created_at   timestamptz not null default now()
);

-- One counter per subject: the CloudEvents sequence extension, from 1.
create table outbox_subject_sequence (
    subject        text   primary key,
    last_sequence  bigint not null
);
