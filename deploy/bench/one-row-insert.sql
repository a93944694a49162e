-- pgbench: the raw ceiling, one row (uuid, jsonb, timestamptz) per transaction.
insert into bench_one_row (id, payload, created_at) values (gen_random_uuid(), '{"source":"webshop"}', now());
