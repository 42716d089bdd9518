-- The register's order as a column, so that a page of the register is read in order by the database;
-- a deal's stored reading keeps a bounded number of its sources (migration 0005 kept every one).
-- Emptying model_state makes the read models rebuild in full when this migration commits.
ALTER TABLE deals ADD COLUMN register_order TEXT NOT NULL DEFAULT '';
CREATE INDEX deals_register ON deals(trusted, register_order);
DELETE FROM model_state;
