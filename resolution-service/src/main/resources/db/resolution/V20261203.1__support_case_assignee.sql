-- GET /cases?assignee= (contract section 5): whoever works on a case now.
create index support_case_assignee on support_case (assignee);
