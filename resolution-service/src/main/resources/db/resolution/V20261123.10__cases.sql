-- A case per incident (its id is the incident id). "case" is an SQL keyword: support_case.
create table support_case (
    id               uuid        primary key,
    status           text        not null,
    version          bigint      not null,
    severity         text        not null,
    is_public        boolean     not null,
    channel          text        not null,
    category         text,
    customer_ref     text        not null,
    reported_at      timestamptz not null,
    owner            text,
    assignee         text,
    owner_changes    int         not null default 0,
    reopen_count     int         not null default 0,
    attempt          int         not null default 1,
    acknowledged_at  timestamptz,
    acknowledge_by   timestamptz not null,
    resolve_by       timestamptz not null,
    resolved_at      timestamptz,
    closed_at        timestamptz,
    breached         boolean     not null default false,
    paused_since     timestamptz
);
create index support_case_status on support_case (status);
create index support_case_owner on support_case (owner);
create index support_case_reported_at on support_case (reported_at desc, id desc);

create table case_promise (
    id              uuid        primary key,
    case_id         uuid        not null references support_case (id),
    description     text        not null,
    due_at          timestamptz not null,
    state           text        not null,
    renegotiations  int         not null default 0,
    made_by         text        not null,
    made_at         timestamptz not null,
    kept_at         timestamptz,
    broken_at       timestamptz
);
create index case_promise_case on case_promise (case_id);

create table case_compensation (
    id           uuid          primary key,
    case_id      uuid          not null references support_case (id),
    kind         text          not null,
    amount       numeric(12,4) not null,
    currency     text          not null,
    description  text          not null,
    offered_by   text          not null,
    offered_at   timestamptz   not null
);
create index case_compensation_case on case_compensation (case_id);

create table case_resolution (
    case_id           uuid        not null references support_case (id),
    attempt           int         not null,
    outcome           text        not null,
    summary           text        not null,
    cause             text        not null,
    expected_verdict  text        not null,
    resolved_by       text        not null,
    resolved_at       timestamptz not null,
    customer_verdict  text,
    primary key (case_id, attempt)
);

create table case_history (
    id          bigint      generated always as identity primary key,
    case_id     uuid        not null references support_case (id),
    at          timestamptz not null,
    actor       text        not null,
    change      text        not null,
    from_value  text,
    to_value    text,
    reason      text
);
create index case_history_case on case_history (case_id, id);
