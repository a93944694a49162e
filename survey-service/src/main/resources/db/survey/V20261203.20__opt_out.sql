-- A customer's objection to further surveys (contract section 6): a customerRef and the mail it
-- came through, no contact data, so it outlives the customer's erasure.
create table opt_out (
    customer_ref text primary key,
    invitation_id uuid not null,
    incident_id uuid not null,
    opted_out_at timestamptz not null
);
create index opt_out_incident on opt_out (incident_id);
