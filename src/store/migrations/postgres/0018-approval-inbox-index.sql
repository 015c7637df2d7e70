-- The approvals inbox ("the tasks this person may decide, by status, newest
-- first") read from an index instead of filtering the JSON `approvers` list
-- of the newest rows in memory. One row per task and approver, with the
-- task's status and creation time copied so one index answers the inbox.
-- Triggers keep it in step with approval_tasks in the writing statement
-- itself, so every writer (opening, deciding, settling, reassigning, run-end
-- cancellation, and any added later) keeps it right with no code of its own.
CREATE TABLE approval_task_approvers (
  task_id TEXT NOT NULL REFERENCES approval_tasks(id) ON DELETE CASCADE,
  approver TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (task_id, approver)
);
-- The inbox with a status (pending: the open tab), and without one (every task of mine).
CREATE INDEX approval_task_approvers_by_status ON approval_task_approvers (approver, status, created_at DESC, task_id DESC);
CREATE INDEX approval_task_approvers_by_created ON approval_task_approvers (approver, created_at DESC, task_id DESC);
INSERT INTO approval_task_approvers (task_id, approver, status, created_at)
  SELECT DISTINCT task.id, approver, task.status, task.created_at FROM approval_tasks AS task CROSS JOIN LATERAL jsonb_array_elements_text(task.approvers::jsonb) AS approver;

-- A function body is one line: the migrator splits statements at a ';' that ends a line.
-- A status change alone updates the rows in place; a new approver list (or creation time) replaces them.
CREATE FUNCTION approval_task_approvers_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP = 'UPDATE' AND NEW.approvers IS NOT DISTINCT FROM OLD.approvers AND NEW.created_at = OLD.created_at THEN UPDATE approval_task_approvers SET status = NEW.status WHERE task_id = NEW.id; RETURN NULL; END IF; IF TG_OP = 'UPDATE' THEN DELETE FROM approval_task_approvers WHERE task_id = OLD.id; END IF; INSERT INTO approval_task_approvers (task_id, approver, status, created_at) SELECT DISTINCT NEW.id, approver, NEW.status, NEW.created_at FROM jsonb_array_elements_text(NEW.approvers::jsonb) AS approver; RETURN NULL; END $$;
CREATE TRIGGER approval_task_approvers_opened AFTER INSERT ON approval_tasks FOR EACH ROW EXECUTE FUNCTION approval_task_approvers_sync();
CREATE TRIGGER approval_task_approvers_changed AFTER UPDATE OF status, approvers, created_at ON approval_tasks FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.approvers IS DISTINCT FROM NEW.approvers OR OLD.created_at IS DISTINCT FROM NEW.created_at) EXECUTE FUNCTION approval_task_approvers_sync();

-- Every task listing, newest first with the id breaking ties, walks an index
-- (with a status, and without one) and stops at the page's LIMIT.
DROP INDEX approval_tasks_by_status;
CREATE INDEX approval_tasks_by_status ON approval_tasks (status, created_at DESC, id DESC);
CREATE INDEX approval_tasks_by_created ON approval_tasks (created_at DESC, id DESC);
