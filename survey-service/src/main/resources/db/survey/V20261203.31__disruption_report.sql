-- The disruption report (contract section 8): which customers a disruption hit and which of them an
-- outreach run set aside, from disruption.* events; customers as the unit.
create table disruption_view (
    disruption_id uuid primary key,
    started_at    timestamptz not null,
    declared_at   timestamptz not null
);

create table disruption_customer (
    disruption_id uuid not null,
    customer_ref  text not null,
    -- When an outreach run set the customer aside (the holdout); null for everyone else.
    held_out_at   timestamptz,
    primary key (disruption_id, customer_ref)
);
create index disruption_customer_ref on disruption_customer (customer_ref);

create index incident_view_disruption on incident_view (disruption_id) where disruption_id is not null;

-- customer.lapsed as other systems post it (contract section 9): whether a customer was lost after.
create table customer_lapse (
    customer_ref text        not null,
    lapsed_at    timestamptz not null,
    value_tier   text        not null,
    primary key (customer_ref, lapsed_at)
);
