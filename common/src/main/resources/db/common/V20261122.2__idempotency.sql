-- Successful (2xx) answers to POSTs that carried an Idempotency-Key, per client (JWT sub).
create table idempotency_record (
    client        text        not null,
    idem_key      text        not null,
    request_hash  text        not null,
    status        int         not null,
    body          text        not null,
    location      text,
    created_at    timestamptz not null default now(),
    primary key (client, idem_key)
);
create index idempotency_record_created_at on idempotency_record (created_at);
