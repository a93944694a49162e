-- What the newer recovery figures (contract section 6) need of each incident: the acknowledgement's
-- deadline and whether the first acknowledgement apologised, any SLA breach, the owner changes.
alter table incident_view
    add column acknowledge_by timestamptz,
    add column apology        boolean,
    add column sla_breached   boolean not null default false,
    add column owner_changes  int     not null default 0;
