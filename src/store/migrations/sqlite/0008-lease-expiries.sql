-- How many times a work item's lease ran out without a commit (its worker
-- crashed or was killed while running the step). A claim that takes an item
-- whose lease had expired adds one; a commit that moves the step on (a retry,
-- a timer, done) resets it. The engine stops running a step that keeps
-- killing its worker (step_crashed_worker).
ALTER TABLE work_items ADD COLUMN lease_expiries INTEGER NOT NULL DEFAULT 0;
