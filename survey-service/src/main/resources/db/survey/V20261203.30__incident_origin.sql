-- How each incident came (origin) and the disruption it is linked to: the report's groupings (contract section 6).
alter table incident_view add column origin text not null default 'COMPLAINT';
alter table incident_view add column disruption_id uuid;
