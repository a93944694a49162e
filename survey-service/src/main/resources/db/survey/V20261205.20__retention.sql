-- The retention report (contract section 9): customer.returned as other systems post it, beside
-- customer_lapse, so a win-back case can be counted as won back.
create table customer_return (
    customer_ref text        not null,
    returned_at  timestamptz not null,
    primary key (customer_ref, returned_at)
);
create index attempt_view_resolved_at on attempt_view (resolved_at);
create index interview_customer_lapse on interview (customer_ref, lapsed_at);
