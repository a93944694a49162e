-- GET /incidents?externalRef=: a system finds its incident by its own reference, such as an order number.
create index incident_external_ref on incident (external_ref) where external_ref is not null;
