-- Contract section 9: customers other systems say lapsed or came back. No contact data: a win-back
-- incident copies it from the customer's latest incident.
create table customer_lapse (
    id                   uuid        primary key,
    reporter             text        not null,
    source               text        not null,
    customer_id          text        not null,
    customer_ref         text        not null,
    lapsed_at            timestamptz not null,
    value_tier           text        not null,
    recorded_at          timestamptz not null,
    win_back_incident_id uuid,
    unique (source, customer_id, lapsed_at)
);

create table customer_return (
    id           uuid        primary key,
    reporter     text        not null,
    source       text        not null,
    customer_id  text        not null,
    customer_ref text        not null,
    returned_at  timestamptz not null,
    recorded_at  timestamptz not null,
    unique (source, customer_id, returned_at)
);
