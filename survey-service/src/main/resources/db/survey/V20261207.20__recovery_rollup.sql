-- The recovery figures kept per UTC day of reportedAt, dimension (all, category, channel, severity,
-- owner, origin, disruption) and group, as sums of the facts the report counts (contract section 11).
create table recovery_rollup (
    dimension text not null,
    day       date not null,
    key       text not null,
    incidents bigint not null default 0,
    resolved bigint not null default 0,
    invited bigint not null default 0,
    answered bigint not null default 0,
    acknowledged bigint not null default 0,
    apologised bigint not null default 0,
    acknowledgement_due bigint not null default 0,
    acknowledged_in_time bigint not null default 0,
    sla_breached bigint not null default 0,
    single_owner bigint not null default 0,
    opted_out bigint not null default 0,
    undeliverable bigint not null default 0,
    answers bigint not null default 0,
    resolved_satisfactorily bigint not null default 0,
    rated bigint not null default 0,
    satisfied bigint not null default 0,
    compared bigint not null default 0,
    more_loyal bigint not null default 0,
    verdict_not_as_expected bigint not null default 0,
    optimistic bigint not null default 0,
    pessimistic bigint not null default 0,
    causes_compared bigint not null default 0,
    cause_agreed bigint not null default 0,
    rated_kept bigint not null default 0,
    satisfied_kept bigint not null default 0,
    rated_broken bigint not null default 0,
    satisfied_broken bigint not null default 0,
    first_attempt bigint not null default 0,
    first_attempt_yes bigint not null default 0,
    speed_rated bigint not null default 0,
    speed_sum bigint not null default 0,
    fair_rated bigint not null default 0,
    fair_sum bigint not null default 0,
    made bigint not null default 0,
    kept bigint not null default 0,
    broken bigint not null default 0,
    primary key (dimension, day, key)
);

-- The durations to the first acknowledgement and resolution, in buckets at most 2% wide, for the medians.
create table recovery_duration (
    dimension text   not null,
    day       date   not null,
    key       text   not null,
    measure   text   not null,
    bucket    int    not null,
    count     bigint not null,
    primary key (dimension, day, key, measure, bucket)
);

-- What each incident added to the two tables last, so a refresh adds only the difference.
create table incident_contribution (
    incident_id  uuid primary key,
    contribution jsonb not null
);

-- The unacknowledged incidents whose acknowledgeBy has not passed: the rollup counts them as due.
create index incident_view_unacknowledged on incident_view (acknowledge_by) where acknowledged_at is null;
