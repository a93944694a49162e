-- Contract section 8: disruptions, their affected customers (personal data, erased like an
-- incident's), and how an incident came (origin) and which disruption it is linked to.
create table disruption (
    id           uuid        primary key,
    reporter     text        not null,
    source       text        not null,
    external_ref text,
    category     text,
    severity     text        not null,
    summary      text        not null,
    description  text,
    started_at   timestamptz not null,
    ended_at     timestamptz,
    is_public    boolean     not null,
    declared_at  timestamptz not null
);

create index disruption_started_at on disruption (started_at desc, id desc);
create index disruption_source_started_at on disruption (source, started_at desc);

create table affected_customer (
    disruption_id           uuid        not null references disruption (id),
    customer_id             text        not null,
    customer_name           text,
    customer_email          text,
    customer_phone          text,
    customer_locale         text        not null,
    customer_ref            text        not null,
    external_ref            text,
    added_at                timestamptz not null,
    personal_data_erased_at timestamptz,
    primary key (disruption_id, customer_id)
);

-- Linking a complaint: is its customer on a disruption's list? Erasure: every list a customer is on.
create index affected_customer_customer on affected_customer (customer_id);

alter table incident add column origin text not null default 'COMPLAINT';
alter table incident add column disruption_id uuid references disruption (id);

create index incident_disruption on incident (disruption_id) where disruption_id is not null;
