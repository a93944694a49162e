-- Delivery that never stalls: a failed invitation waits (next_try_at) while newer ones go out,
-- and gives up after the configured period counted from failing_since. sending_until is the
-- lease of the replica mailing it now: no transaction stays open across SMTP or intake.
alter table invitation
    add column tries          int not null default 0,
    add column next_try_at    timestamptz,
    add column failing_since  timestamptz,
    add column sending_until  timestamptz;
drop index invitation_scheduled;
create index invitation_scheduled on invitation (coalesce(next_try_at, due_at)) where state = 'SCHEDULED';
