-- The audit trail: append-only, hash-chained (core/audit-entry.ts). `seq`
-- counts from 1 without gaps; `audit_head` holds the last seq and hash, and
-- its row lock is what serialises appends across processes. Entries are never
-- updated; they are deleted only by a retention purge, up to `purged_through`,
-- after export.
CREATE TABLE audit_entries (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_via TEXT,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  service_id TEXT,
  offering_id TEXT,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_entries_at ON audit_entries (at);
CREATE INDEX audit_entries_actor ON audit_entries (actor_id, seq);
CREATE INDEX audit_entries_target ON audit_entries (target_type, target_id, seq);
CREATE INDEX audit_entries_action ON audit_entries (action, seq);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL,
  purged_through BIGINT NOT NULL
);
INSERT INTO audit_head (id, seq, hash, purged_through) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP = 'UPDATE' THEN RAISE EXCEPTION 'audit entries are append-only'; END IF; IF OLD.seq > (SELECT purged_through FROM audit_head WHERE id = 1) THEN RAISE EXCEPTION 'audit entries are deleted only by a retention purge'; END IF; RETURN OLD; END $$;
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
