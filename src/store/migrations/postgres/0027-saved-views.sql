-- Saved views: a person's named filters of one list page (approvals, runs,
-- requests, events), kept as the query string the page writes in its URL.
-- team_id shares the view with that team's members. A name is unique per
-- owner and page, compared without case (name_key: the name in lowercase).
-- Tollgate deletes no user or team (a user is disabled, a team loses
-- members); were a row deleted, its owner's views go with it, and a team's
-- views become their owners' own again.
CREATE TABLE saved_views (
  id TEXT PRIMARY KEY,
  page TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  query TEXT NOT NULL,
  owner_user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  team_id TEXT REFERENCES teams(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX saved_views_name_per_owner ON saved_views (owner_user_id, page, name_key);
CREATE INDEX saved_views_by_team ON saved_views (team_id, page);
