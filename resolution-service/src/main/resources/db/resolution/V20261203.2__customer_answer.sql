-- The customer's whole answer on its attempt (contract section 5), their words from
-- amends.survey-comments.v1, and whether the acknowledgement apologised.
alter table support_case add column apology boolean;

alter table case_resolution
    add column invitation_id uuid,
    add column satisfaction integer,
    add column compared_to_before text,
    add column fair_compensation integer,
    add column speed integer,
    add column customer_cause text,
    add column answered_at timestamptz;

-- Personal data: erased with the customer, and when survey-service tombstones the key.
create table customer_comment (
    invitation_id uuid primary key,
    case_id uuid not null,
    attempt integer not null,
    customer_ref text not null,
    comment text not null,
    answered_at timestamptz not null
);
create index customer_comment_case on customer_comment (case_id, attempt);
create index customer_comment_customer on customer_comment (customer_ref);

-- The history entry whose reason is a customer's comment (the reopen of their NO): it follows the
-- comment, whichever of the answer and the comment arrives first, and is erased with it.
alter table case_history add column comment_of uuid;
create index case_history_comment_of on case_history (comment_of) where comment_of is not null;
