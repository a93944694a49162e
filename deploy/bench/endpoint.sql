-- pgbench: the SQL of one POST /incidents with an Idempotency-Key, in one transaction, as
-- intake-service sends it (advisory lock, idempotency look-up, sequence, outbox, incident,
-- idempotency record). Run with -M prepared. No colons in literals: pgbench reads them as
-- variables. The event payload is a string of the real event's size.
\set n random(1, 2000000000)
begin;
select gen_random_uuid() as id, gen_random_uuid() as event_id, md5(random()::text) as k \gset
select locked.ok, r.request_hash, r.status, r.body, r.location from (select pg_try_advisory_xact_lock(hashtextextended('bench' || chr(10) || :k::text, 0)) as ok) locked left join idempotency_record r on locked.ok and r.client = 'bench' and r.idem_key = :k::text;
insert into outbox_subject_sequence (subject, last_sequence) values (:id::text, 1) on conflict (subject) do update set last_sequence = outbox_subject_sequence.last_sequence + 1 returning last_sequence;
insert into outbox_event (event_id, topic, message_key, event_type, payload, traceparent) values (:event_id::uuid, 'amends.incidents.v1', :id::text, 'dev.amends.incident.reported.v1', repeat('x', 650), '00-a6852f3b2e5a97be52adc1e6f861c55a-53d44d51901487cf-01');
insert into incident (id, reporter, source, external_ref, channel, category, severity, summary, description, occurred_at, is_public, customer_id, customer_name, customer_email, customer_phone, customer_locale, customer_ref, reported_at, personal_data_erased_at) values (:id::uuid, 'bench', 'bench', 'ORD-1', 'WEB', 'delivery', 'HIGH', 'Benchmark incident', 'Posted by the intake benchmark.', null, false, :k::text, 'Bench Customer', 'bench@example.no', null, 'nb-NO', 'k1' || chr(58) || md5(:k::text) || md5(:k::text), now(), null);
insert into idempotency_record (client, idem_key, request_hash, status, body, location) values ('bench', :k::text, 'hash', 201, '{"id":"x"}', '/incidents/x');
commit;
