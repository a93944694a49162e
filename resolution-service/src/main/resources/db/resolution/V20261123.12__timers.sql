-- What the scheduled checks need. A clock warns at 75% of its time: the *_warn_at columns hold
-- that moment and move with their deadline (a pause moves resolveBy, a reopen restarts it).
-- The *_attempt columns record in which attempt a warning or breach went out: at most once per
-- clock per attempt, without resetting anything on reopen.
alter table support_case
    add column acknowledge_warn_at          timestamptz,
    add column resolve_warn_at              timestamptz,
    add column acknowledge_warned_attempt   int not null default 0,
    add column acknowledge_breached_attempt int not null default 0,
    add column resolve_warned_attempt       int not null default 0,
    add column resolve_breached_attempt     int not null default 0;
update support_case set
    acknowledge_warn_at = acknowledge_by - (acknowledge_by - reported_at) / 4,
    resolve_warn_at = resolve_by - (resolve_by - reported_at) / 4;
alter table support_case
    alter column acknowledge_warn_at set not null,
    alter column resolve_warn_at set not null;

-- Only cases whose clocks still run are looked at.
create index support_case_acknowledge_due on support_case (acknowledge_warn_at) where acknowledged_at is null;
create index support_case_resolve_due on support_case (resolve_warn_at)
    where status in ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'REOPENED');
create index support_case_auto_close on support_case (resolved_at) where status = 'RESOLVED';

-- A promise is at risk at 75% of the time from its last (re)negotiation to dueAt, once per due
-- time: at_risk_due_at is the due time the warning went out for.
alter table case_promise
    add column at_risk_at     timestamptz,
    add column at_risk_due_at timestamptz;
update case_promise set at_risk_at = due_at - (due_at - negotiated_at) / 4;
alter table case_promise alter column at_risk_at set not null;
create index case_promise_open_due on case_promise (at_risk_at) where state = 'OPEN';
