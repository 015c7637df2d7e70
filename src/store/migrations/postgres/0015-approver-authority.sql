-- Approver authority and separation of duties (issue 12): a team member's
-- approval limit (major units, in one currency; none means no cap), what an
-- approval task puts at stake (rendered from the step's `amount`/`currency`
-- when it opens), and who published each workflow version (null for a
-- system or local publish with no user), so its author cannot approve it.
ALTER TABLE team_members ADD COLUMN approval_limit_amount DOUBLE PRECISION;
ALTER TABLE team_members ADD COLUMN approval_limit_currency TEXT;
ALTER TABLE approval_tasks ADD COLUMN stake_amount DOUBLE PRECISION;
ALTER TABLE approval_tasks ADD COLUMN stake_currency TEXT;
ALTER TABLE workflow_versions ADD COLUMN published_by TEXT;
