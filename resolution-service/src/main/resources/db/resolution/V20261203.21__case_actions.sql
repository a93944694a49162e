-- Contract section 8: one action over every case of a disruption, worked chunk by chunk.
create table case_action (
    id              uuid        primary key,
    disruption_id   uuid        not null,
    origin          text,
    action          text        not null,
    body            text        not null,
    actor           text        not null,
    state           text        not null,
    total           integer     not null,
    done            integer     not null default 0,
    skipped         integer     not null default 0,
    failed          integer     not null default 0,
    failed_case_ids uuid[]      not null default '{}',
    -- The cases are taken in id order; the last one taken so far.
    last_case_id    uuid,
    started_at      timestamptz not null,
    done_at         timestamptz
);

create index case_action_running on case_action (started_at) where state = 'RUNNING';
