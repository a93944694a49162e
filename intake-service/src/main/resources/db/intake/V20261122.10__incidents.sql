create table incident (
    id                       uuid        primary key,
    reporter                 text        not null,
    source                   text        not null,
    external_ref             text,
    channel                  text        not null,
    category                 text,
    severity                 text        not null,
    summary                  text        not null,
    description              text,
    occurred_at              timestamptz,
    is_public                boolean     not null,
    customer_id              text        not null,
    customer_name            text,
    customer_email           text,
    customer_phone           text,
    customer_locale          text        not null,
    customer_ref             text        not null,
    reported_at              timestamptz not null,
    personal_data_erased_at  timestamptz
);

create index incident_reported_at on incident (reported_at desc, id desc);
create index incident_source_reported_at on incident (source, reported_at desc);
create index incident_customer on incident (customer_id, source);
create index incident_reporter on incident (reporter);
