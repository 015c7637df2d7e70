-- LOCAL PLACEHOLDER, not committed: migration 0014 belongs to another helper of issue 12.
CREATE TABLE placeholder_0014 (id INTEGER);
