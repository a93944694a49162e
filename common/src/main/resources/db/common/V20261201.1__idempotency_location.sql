-- An erasure replaces the stored answers of a customer's incidents, found by their Location.
create index idempotency_record_location on idempotency_record (location) where location is not null;
