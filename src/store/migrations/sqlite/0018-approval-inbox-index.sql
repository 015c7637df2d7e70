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
  created_at INTEGER NOT NULL,
  PRIMARY KEY (task_id, approver)
) WITHOUT ROWID;
-- The inbox with a status (pending: the open tab), and without one (every task of mine).
CREATE INDEX approval_task_approvers_by_status ON approval_task_approvers (approver, status, created_at DESC, task_id DESC);
CREATE INDEX approval_task_approvers_by_created ON approval_task_approvers (approver, created_at DESC, task_id DESC);
INSERT INTO approval_task_approvers (task_id, approver, status, created_at)
  SELECT DISTINCT task.id, approver.value, task.status, task.created_at FROM approval_tasks AS task, json_each(task.approvers) AS approver;

-- A trigger body is one line: the migrator splits statements at a ';' that ends a line.
CREATE TRIGGER approval_task_approvers_opened AFTER INSERT ON approval_tasks BEGIN INSERT INTO approval_task_approvers (task_id, approver, status, created_at) SELECT DISTINCT NEW.id, value, NEW.status, NEW.created_at FROM json_each(NEW.approvers); END;
CREATE TRIGGER approval_task_approvers_status AFTER UPDATE OF status ON approval_tasks WHEN NEW.status IS NOT OLD.status AND NEW.approvers IS OLD.approvers AND NEW.created_at IS OLD.created_at BEGIN UPDATE approval_task_approvers SET status = NEW.status WHERE task_id = NEW.id; END;
CREATE TRIGGER approval_task_approvers_reassigned AFTER UPDATE OF approvers, created_at ON approval_tasks WHEN NEW.approvers IS NOT OLD.approvers OR NEW.created_at IS NOT OLD.created_at BEGIN DELETE FROM approval_task_approvers WHERE task_id = OLD.id; INSERT INTO approval_task_approvers (task_id, approver, status, created_at) SELECT DISTINCT NEW.id, value, NEW.status, NEW.created_at FROM json_each(NEW.approvers); END;

-- Every task listing, newest first with the id breaking ties, walks an index
-- (with a status, and without one) and stops at the page's LIMIT.
DROP INDEX approval_tasks_by_status;
CREATE INDEX approval_tasks_by_status ON approval_tasks (status, created_at DESC, id DESC);
CREATE INDEX approval_tasks_by_created ON approval_tasks (created_at DESC, id DESC);
