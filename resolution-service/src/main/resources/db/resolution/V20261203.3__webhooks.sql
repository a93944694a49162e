-- Webhook subscriptions and their deliveries (contract section 10). The signing secrets are kept
-- as given (HMAC needs them); the previous one signs beside the new one until previous_secret_until.
create table webhook_subscription (
    id uuid primary key,
    url text not null,
    event_types text[] not null,
    description text,
    -- null while enabled
    disabled_reason text,
    disabled_at timestamptz,
    secret text not null,
    previous_secret text,
    previous_secret_until timestamptz,
    created_at timestamptz not null,
    created_by text not null,
    failing_since timestamptz
);

-- One row per subscription and event, stored before the first try: the CloudEvent as Kafka
-- carried it, where its tries stand, and the lease of the replica sending it now.
create table webhook_delivery (
    subscription_id uuid not null references webhook_subscription (id) on delete cascade,
    event_id uuid not null,
    event_type text not null,
    payload text not null,
    state text not null,
    attempts integer not null,
    round_attempts integer not null,
    last_status_code integer,
    last_error text,
    last_duration_ms bigint,
    last_attempt_at timestamptz,
    next_attempt_at timestamptz,
    leased_until timestamptz,
    created_at timestamptz not null,
    primary key (subscription_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (subscription_id, next_attempt_at) where state = 'PENDING';
create index webhook_delivery_log on webhook_delivery (subscription_id, created_at desc);
create index webhook_delivery_created on webhook_delivery (created_at);
