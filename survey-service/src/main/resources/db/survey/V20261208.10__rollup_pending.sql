-- The incidents whose recovery figures changed and whose rollup contribution is not yet brought up
-- to date: the consumers mark them in their own transactions, a worker (and any report, before it
-- reads the rollup) counts them in and removes the mark in one transaction.
create table rollup_pending (
    incident_id uuid primary key
);

-- Incidents read before the rollup existed and never counted.
insert into rollup_pending (incident_id)
select i.incident_id from incident_view i
where i.reported_at is not null
  and not exists (select 1 from incident_contribution c where c.incident_id = i.incident_id);
