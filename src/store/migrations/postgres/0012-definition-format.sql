-- The format of a stored definition (a workflow's draft, a published
-- version): the store reads a known older format by upgrading it step by
-- step (src/definition/stored-definition.ts) and refuses a newer one it does
-- not know, instead of handing the engine a shape it misreads. Every row
-- stored so far is format 1; writes stamp the format of the build.
ALTER TABLE workflows ADD COLUMN draft_format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE workflow_versions ADD COLUMN definition_format INTEGER NOT NULL DEFAULT 1;
