-- Whether a run ever had an approval task (an approval step's, or a money
-- check's): a run that never had one ends without looking for pending tasks
-- to cancel (run-end/approval-tasks-cancelled.ts). A trigger sets it in the
-- statement that inserts the task, so every writer of tasks keeps it right.
ALTER TABLE runs ADD COLUMN has_approval_tasks INTEGER NOT NULL DEFAULT 0;
UPDATE runs SET has_approval_tasks = 1 WHERE id IN (SELECT run_id FROM approval_tasks);
-- A trigger body is one line: the migrator splits statements at a ';' that ends a line.
CREATE TRIGGER runs_have_approval_tasks AFTER INSERT ON approval_tasks BEGIN UPDATE runs SET has_approval_tasks = 1 WHERE id = NEW.run_id AND has_approval_tasks = 0; END;
