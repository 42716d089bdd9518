-- Deals filtered and paged by the database: their status and deal type as columns, their rank among the
-- merged deals (most support first) and the transfer list's order (first seen, system name, rank) as
-- sortable text, so that /api/transfers and a dossier read one page of deals instead of every deal; a
-- register row keeps its first 20 source documents, with their total.
-- Emptying model_state makes the read models rebuild in full when this migration commits.
ALTER TABLE deals ADD COLUMN status TEXT;
ALTER TABLE deals ADD COLUMN deal_type TEXT;
ALTER TABLE deals ADD COLUMN rank_order TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN listing_order TEXT COLLATE "C" NOT NULL DEFAULT '';
DROP INDEX deals_system;
DROP INDEX deals_supplier;
DROP INDEX deals_recipient;
CREATE INDEX deals_system ON deals(system, rank_order);
CREATE INDEX deals_supplier ON deals(supplier, rank_order);
CREATE INDEX deals_recipient ON deals(recipient, rank_order);
CREATE INDEX deals_listing ON deals(trusted, listing_order);
DELETE FROM model_state;
