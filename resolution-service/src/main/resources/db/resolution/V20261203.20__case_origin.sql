-- Contract section 5: how the incident came (origin) and the disruption it is linked to.
alter table support_case add column origin text not null default 'COMPLAINT';
alter table support_case add column disruption_id uuid;

create index support_case_disruption on support_case (disruption_id) where disruption_id is not null;
