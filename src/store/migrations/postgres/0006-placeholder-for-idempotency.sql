-- Placeholder so that 0009 has no gap on the fix/first-run branch. The branch that
-- owns this number brings the real migration: delete this file when merging it.
SELECT 1;
