-- The outbox also carries plain records (the customers' comments) and their tombstones (null payload).
alter table outbox_event alter column payload drop not null;
