-- What approving a task leads to, worked out when it opened (the next step
-- that moves money, e.g. "Refund 25.00 USD on ch_…"), as JSON: the inbox shows
-- it without reading the run. Null for tasks opened before, and when no
-- money-moving step follows.
ALTER TABLE approval_tasks ADD COLUMN leads_to TEXT;
