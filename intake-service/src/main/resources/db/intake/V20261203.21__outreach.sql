-- Contract section 8: outreach runs over a disruption's silent customers, with a random holdout.
create table outreach_run (
    id          uuid          primary key,
    disruption_id uuid        not null references disruption (id),
    state       text          not null,
    holdout     numeric(4, 3) not null,
    to_open     integer       not null,
    opened      integer       not null default 0,
    held_out    integer       not null default 0,
    started_by  text          not null,
    started_at  timestamptz   not null,
    done_at     timestamptz
);

-- One run of a disruption at a time, whichever replica is asked.
create unique index outreach_run_running on outreach_run (disruption_id) where state = 'RUNNING';

-- What outreach did for each affected customer: null (not yet), OPENED (an incident) or HELD_OUT.
alter table affected_customer add column outreach text;
alter table affected_customer add column outreach_run_id uuid;
alter table affected_customer add column outreach_incident_id uuid;
create index affected_customer_unreached on affected_customer (disruption_id) where outreach is null;

-- Never two outreach incidents for one customer of a disruption, whatever two replicas do at once.
create unique index incident_outreach_once on incident (disruption_id, customer_id) where origin = 'OUTREACH';
