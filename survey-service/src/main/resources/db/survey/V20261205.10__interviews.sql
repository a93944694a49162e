-- Exit interviews of lapsed customers (contract section 9): one per customer.lapsed, decided when
-- due (PT1H after the lapse was read, so the incidents that qualify it have arrived): incident_id
-- is the customer's latest incident before the lapse, known from then on. Tokens and delivery as
-- for invitations: only the seed and the token's hash, no contact data.
create table interview (
    id            uuid primary key,
    customer_ref  text not null,
    lapsed_at     timestamptz not null,
    state         text not null,
    due_at        timestamptz not null,
    incident_id   uuid,
    token_seed    bytea not null,
    token_hash    bytea not null unique,
    locale        text,
    sent_at       timestamptz,
    expires_at    timestamptz,
    closed_at     timestamptz,
    tries         int not null default 0,
    next_try_at   timestamptz,
    failing_since timestamptz,
    sending_until timestamptz,
    unique (customer_ref, lapsed_at)
);
create index interview_scheduled on interview (coalesce(next_try_at, due_at)) where state = 'SCHEDULED';
create index interview_sent on interview (expires_at) where state = 'SENT';
create index interview_customer_sent on interview (customer_ref, sent_at);

create table interview_answer (
    interview_id    uuid primary key references interview (id),
    incident_id     uuid not null,
    reason          text not null,
    incident_weight int,
    may_contact     boolean not null,
    comment         text,
    answered_at     timestamptz not null
);
