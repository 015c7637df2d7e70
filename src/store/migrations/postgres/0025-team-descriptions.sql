-- A team may say what it is for (a Team document's `description`, shown in
-- settings beside its title); null when it says nothing.
ALTER TABLE teams ADD COLUMN description TEXT;
