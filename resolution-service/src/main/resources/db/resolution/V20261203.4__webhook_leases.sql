-- The deliveries being tried now (and those a crashed replica left): few, counted per subscription
-- on every claim, so their own small index rather than a scan of everything pending.
create index webhook_delivery_leased on webhook_delivery (subscription_id) where leased_until is not null;
