-- The read model: what survey-service knows of each incident, from incident.* and case.* events
-- in any order across the two topics (every column may still be unknown).
create table incident_view (
    incident_id       uuid primary key,
    customer_ref      text,
    channel           text,
    category          text,
    severity          text,
    reported_at       timestamptz,
    owner             text,
    current_attempt   int not null default 1,
    acknowledged_at   timestamptz,
    first_resolved_at timestamptz,
    compensation_offered boolean not null default false
);
create index incident_view_reported_at on incident_view (reported_at);
create index incident_view_customer_ref on incident_view (customer_ref);

-- One row per resolution attempt: the employee's view, compared with the customer's answer.
create table attempt_view (
    incident_id       uuid not null,
    attempt           int  not null,
    owner             text,
    cause             text not null,
    expected_verdict  text not null,
    resolved_at       timestamptz not null,
    primary key (incident_id, attempt)
);

create table promise_view (
    promise_id  uuid primary key,
    incident_id uuid not null,
    state       text not null
);
create index promise_view_incident on promise_view (incident_id);

-- An invitation per resolution attempt. The token is derived from token_seed with a secret that
-- is not in the database, so a resend or reminder carries the same link while the database holds
-- only its SHA-256. No email address is stored: it is fetched from intake when a mail goes out.
create table invitation (
    id                   uuid primary key,
    incident_id          uuid not null,
    attempt              int  not null,
    customer_ref         text not null,
    state                text not null,
    token_seed           bytea not null,
    token_hash           bytea not null unique,
    due_at               timestamptz not null,
    compensation_offered boolean not null,
    locale               text,
    sent_at              timestamptz,
    reminded_at          timestamptz,
    expires_at           timestamptz,
    closed_at            timestamptz,
    unique (incident_id, attempt)
);
create index invitation_scheduled on invitation (due_at) where state = 'SCHEDULED';
create index invitation_sent on invitation (sent_at) where state = 'SENT';
create index invitation_customer_sent on invitation (customer_ref, sent_at);

create table survey_answer (
    invitation_id           uuid primary key references invitation (id),
    incident_id             uuid not null,
    attempt                 int  not null,
    resolved_satisfactorily text not null,
    satisfaction            int,
    compared_to_before      text,
    fair_compensation       int,
    speed                   int,
    cause                   text,
    comment                 text,
    answered_at             timestamptz not null
);
create index survey_answer_incident on survey_answer (incident_id);
